using System.IO;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

/// <summary><c>lowbit study</c> on the smallest grid (one method, one bitwidth, one epoch) and its errors.</summary>
public sealed class StudyCommandTests
{
    [Fact]
    public void Writes_the_table_and_the_plot()
    {
        using var directory = new TemporaryDirectory();
        var report = directory.File("results.md");

        var result = CliRunner.Run("study", "--methods", "ste", "--bits", "W2A2", "--epochs", "1", "--out", report);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("[2/2] ste W2A2:", result.Output);
        var markdown = File.ReadAllText(report);
        Assert.Matches(@"\| ste \| \d+\.\d\d \|", markdown);
        Assert.Contains("fp32 baseline (same network and schedule, float): **", markdown);
        Assert.Contains("![accuracy vs bits](results.png)", markdown);
        var png = File.ReadAllBytes(directory.File("results.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Theory]
    [InlineData("--bits", "9", "\"9\" is not a bitwidth: expected 1–8 or WbAb")]
    [InlineData("--bits", "W2A4", "the study uses uniform bitwidths")]
    [InlineData("--methods", "ste,nope", "unknown quantization method \"nope\"")]
    [InlineData("--model", "vgg", "unknown model \"vgg\"; expected one of mnist-cnn, resnet8, resnet20, mobilenetv2")]
    [InlineData("--train-images", "0", "--train-images must be 1 to 8000, found 0")]
    public void Bad_options_are_one_clear_error(string option, string value, string expected)
    {
        var result = CliRunner.Run("study", option, value, "--out", Path.Combine(Path.GetTempPath(), "never-written.md"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines));
    }
}
