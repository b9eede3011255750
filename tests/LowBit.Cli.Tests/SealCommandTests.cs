using System.IO;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

public sealed class SealCommandTests : System.IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void SealsAHandEditedFileSoItReadsAgain()
    {
        var path = _directory.File("edited.lbq");
        ManifestWriter.WriteFile(ExampleModels.TinyCnnW2A2(), path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"name\": \"tiny_cnn_w2a2\"", "\"name\": \"renamed_by_hand\""));
        Assert.Throws<ManifestException>(() => ManifestReader.ReadFile(path));

        var result = CliRunner.Run("seal", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        Assert.Contains("sealed with sha256:", result.Output);
        Assert.Equal("renamed_by_hand", ManifestReader.ReadFile(path).Name);
        Assert.Contains("\n    \"name\": \"LowBit.TestModels\"", File.ReadAllText(path).Replace("\r\n", "\n"));

        var again = CliRunner.Run("seal", path);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already up to date", again.Output);
    }

    [Fact]
    public void InvalidEditIsReportedAndTheFileIsLeftAlone()
    {
        var path = _directory.File("invalid.lbq");
        ManifestWriter.WriteFile(ExampleModels.TinyCnnW2A2(), path);
        var edited = File.ReadAllText(path).Replace("\"outFeatures\": 10", "\"outFeatures\": 11");
        File.WriteAllText(path, edited);

        var result = CliRunner.Run("seal", path);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {path}: $.layers[4].", line);
        Assert.Contains("not sealed", line);
        Assert.Equal(edited, File.ReadAllText(path));
    }

    [Fact]
    public void InvalidJsonGivesOneErrorLine()
    {
        var path = _directory.File("broken.lbq");
        File.WriteAllText(path, "{ \"format\": \"lowbit-manifest\", ");

        var result = CliRunner.Run("seal", path);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: {path}: $: expected the rest of the JSON document, found the end of the file at line 1, column 31", line);
        Assert.EndsWith("(not sealed; the file was not changed)", line);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void MissingFileGivesOneErrorLine()
    {
        var path = _directory.File("missing.lbq");

        var result = CliRunner.Run("seal", path);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {path}: $: ", Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(path));
    }
}
