using System;
using System.IO;
using System.Text;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

/// <summary>
/// The committed examples/models/tiny_cnn_w2a2.lbq is exactly what <see cref="ExampleModels.TinyCnnW2A2"/>
/// builds. To regenerate it after a deliberate change, run with LOWBIT_ACCEPT=1:
/// <c>LOWBIT_ACCEPT=1 dotnet test tests/LowBit.Cli.Tests --filter ExampleModelIsUpToDate</c>.
/// </summary>
public sealed class ExampleModelTests
{
    private static readonly string ExamplePath = RepositoryPaths.Combine(ExampleModels.TinyCnnW2A2Path);

    [Fact]
    public void ExampleModelIsUpToDate()
    {
        var expected = ManifestWriter.ToUtf8(ExampleModels.TinyCnnW2A2(), ExampleModels.TinyCnnW2A2Path);
        if (Environment.GetEnvironmentVariable("LOWBIT_ACCEPT") == "1")
        {
            File.WriteAllBytes(ExamplePath, expected);
            return;
        }

        Assert.True(File.Exists(ExamplePath), $"{ExamplePath} is missing; regenerate it with LOWBIT_ACCEPT=1 dotnet test tests/LowBit.Cli.Tests --filter ExampleModelIsUpToDate");

        // Compare text with \n line endings, so a checkout with CRLF conversion still matches (the checksum ignores white space anyway).
        var committed = Normalize(File.ReadAllBytes(ExamplePath));
        Assert.True(
            Normalize(expected) == committed,
            $"{ExampleModels.TinyCnnW2A2Path} differs from what ExampleModels.TinyCnnW2A2() builds; if the change is intended, regenerate it with LOWBIT_ACCEPT=1 dotnet test tests/LowBit.Cli.Tests --filter ExampleModelIsUpToDate");
    }

    [Fact]
    public void InspectShowsTheExampleModel()
    {
        var result = CliRunner.Run("inspect", ExamplePath);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("tiny_cnn_w2a2", result.Output);
        Assert.Equal(new[] { "fc5", "linear", "[10]", "2 signed", "float", "19,360", "4,840", "19,360" }, result.Row("fc5"));
    }

    private static string Normalize(byte[] utf8) => Encoding.UTF8.GetString(utf8).Replace("\r\n", "\n");
}
