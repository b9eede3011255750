using System.IO;
using LowBit.Cli.Study;
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
        Assert.Contains("![accuracy vs bits](results-mnist-cnn.png)", markdown);
        Assert.StartsWith(ResultsDocument.Header + "\n<!-- study mnist-cnn -->\n## The small CNN", markdown, System.StringComparison.Ordinal);
        var png = File.ReadAllBytes(directory.File("results-mnist-cnn.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }

    [Fact]
    public void A_fine_tuned_study_has_its_own_section_beside_the_from_scratch_one()
    {
        using var directory = new TemporaryDirectory();
        var report = directory.File("results.md");
        File.WriteAllText(report, ResultsDocument.Upsert(null, "mnist-cnn", "## from scratch\n"));

        var result = CliRunner.Run("study", "--methods", "ste", "--bits", "W2A2", "--epochs", "1", "--train-images", "1000", "--finetune", "--out", report);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("study of mnist-cnn fine-tuned from fp32", result.Output);
        var markdown = File.ReadAllText(report);
        Assert.Contains("<!-- study mnist-cnn -->\n## from scratch\n<!-- /study mnist-cnn -->", markdown);
        Assert.Contains("<!-- study mnist-cnn-finetuned -->\n## The small CNN, fine-tuned from fp32 (`--model mnist-cnn --finetune`)", markdown);
        Assert.Contains("[3/3] ste W2A2:", result.Output);
        Assert.Contains("**fine-tuned from the fp32 run's weights**", markdown);
        Assert.Matches(@"The quantized runs start from the fp32 network trained for 1 epoch \(\d+\.\d\d %\); the baseline above is that network trained for 1 epoch more", markdown);
        Assert.Contains("| fp32 (start of fine-tuning) |", markdown);
        Assert.Contains("![accuracy vs bits](results-mnist-cnn-finetuned.png)", markdown);
        Assert.True(File.Exists(directory.File("results-mnist-cnn-finetuned.png")));
    }

    [Theory]
    [InlineData("--bits", "9", "\"9\" is not a bitwidth: expected 1–8 or WbAb")]
    [InlineData("--bits", "W2A4", "the study uses uniform bitwidths")]
    [InlineData("--methods", "ste,nope", "unknown quantization method \"nope\"")]
    [InlineData("--model", "vgg", "unknown model \"vgg\"; expected one of mnist-cnn, resnet8, resnet20, mobilenetv2")]
    [InlineData("--train-images", "0", "--train-images must be 1 to 8000, found 0")]
    [InlineData("--budget", "0.5", "--budget must be 1 to 8 average weight bits, found 0.5")]
    [InlineData("--budget", "4", "--budget needs a method that learns bitwidths (cpq or ddq) in --methods, found ste,lsq")]
    public void Bad_options_are_one_clear_error(string option, string value, string expected)
    {
        string[] methods = option == "--methods" ? [] : ["--methods", "ste,lsq"];
        var result = CliRunner.Run(["study", .. methods, option, value, "--out", Path.Combine(Path.GetTempPath(), "never-written.md")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_file_that_is_not_a_study_document_is_refused_before_training()
    {
        using var directory = new TemporaryDirectory();
        var report = directory.File("notes.md");
        File.WriteAllText(report, "# my notes\n");

        var result = CliRunner.Run("study", "--methods", "ste", "--bits", "2", "--epochs", "1", "--out", report);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("notes.md: cannot hold the study: it has no study sections", Assert.Single(result.ErrorLines));
        Assert.Equal("# my notes\n", File.ReadAllText(report));
    }
}
