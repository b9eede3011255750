using System;
using LowBit.Cli.Study;

namespace LowBit.Cli.Tests;

/// <summary>The report of a study of a zoo architecture names the network and the training subset.</summary>
public sealed class StudyReportTests
{
    [Fact]
    public void A_resnet_study_names_the_network_and_its_shorter_schedule()
    {
        var study = new AccuracyStudy(new[] { "dsq" }, new[] { 2 }, epochs: 2, seed: 1, model: "resnet8", trainImages: 2000);
        var runs = new[]
        {
            new StudyRun("fp32", StudyRun.FloatBits, 0.97, true, StudyRun.FloatBits, TimeSpan.FromSeconds(60)),
            new StudyRun("dsq", 2, 0.9525, true, 2.0, TimeSpan.FromSeconds(90)),
        };

        var markdown = StudyReport.Markdown(study, runs, "lowbit study --model resnet8", "results-resnet8.png", TimeSpan.FromMinutes(3));

        Assert.StartsWith("## ResNet-8 (`--model resnet8`)", markdown, StringComparison.Ordinal);
        Assert.Contains("Training used 2,000 of the 8,000, evenly spaced", markdown, StringComparison.Ordinal);
        Assert.Contains("- Model: ResNet-8 (CIFAR-style", markdown, StringComparison.Ordinal);
        Assert.Contains("| dsq | 95.25 |", markdown, StringComparison.Ordinal);
        Assert.Contains("fp32 baseline (same network and schedule, float): **97.00 %**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_learned_precision_run_gets_its_own_column_with_the_bits_it_settled_on_and_the_ddq_claim()
    {
        var study = new AccuracyStudy(new[] { "ste", "ddq" }, new[] { 4 }, epochs: 2, seed: 1, model: "mobilenetv2", trainImages: 4000, budget: 4);
        var runs = new[]
        {
            new StudyRun("fp32", StudyRun.FloatBits, 0.95, true, StudyRun.FloatBits, TimeSpan.FromSeconds(60)),
            new StudyRun("ste", 4, 0.90, true, 4.0, TimeSpan.FromSeconds(90)),
            new StudyRun("ddq", 4, 0.93, true, 4.0, TimeSpan.FromSeconds(90)),
            new StudyRun("ddq", 4, 0.946, true, 3.87, TimeSpan.FromSeconds(90), Budget: 4),
        };

        var markdown = StudyReport.Markdown(study, runs, "lowbit study --model mobilenetv2 --budget 4", "results-mobilenetv2.png", TimeSpan.FromMinutes(5));

        Assert.Equal(4, study.RunCount);
        Assert.Contains("| method | W4A4 | learned W (≤ 4 avg) A4 |\n|---|---:|---:|\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| ste | 90.00 | – |", markdown, StringComparison.Ordinal);
        Assert.Contains("| ddq | 93.00 | 94.60 (W 3.87) |", markdown, StringComparison.Ordinal);
        Assert.Contains("- DDQ with precision learned under a 4-bit budget is lossless (Zhang et al., ICML 2021, MobileNetV2): ddq learned W≤8 (budget 4) A4 94.60 % vs fp32 95.00 % (0.40 points below) — **agrees**.", markdown, StringComparison.Ordinal);
        Assert.Contains("- DDQ at 4 bits is lossless (Zhang et al., ICML 2021): ddq W4A4 93.00 %", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fine_tuned_study_checks_claims_against_the_float_network_trained_as_long_not_its_start()
    {
        var study = new AccuracyStudy(new[] { "ddq" }, new[] { 4 }, epochs: 2, seed: 1, model: "mobilenetv2", fineTune: true);
        var runs = new[]
        {
            new StudyRun("fp32", StudyRun.FloatBits, 0.94, true, StudyRun.FloatBits, TimeSpan.FromSeconds(60), StartingPoint: true),
            new StudyRun("fp32", StudyRun.FloatBits, 0.97, true, StudyRun.FloatBits, TimeSpan.FromSeconds(60)),
            new StudyRun("ddq", 4, 0.962, true, 4.0, TimeSpan.FromSeconds(90)),
        };

        var markdown = StudyReport.Markdown(study, runs, "lowbit study --model mobilenetv2 --finetune", "results-mobilenetv2-finetuned.png", TimeSpan.FromMinutes(5));

        Assert.Equal(3, study.RunCount);
        Assert.Equal("mobilenetv2-finetuned", study.Section);
        Assert.Contains("fp32 baseline (same network and schedule, float): **97.00 %**", markdown, StringComparison.Ordinal);
        Assert.Contains("start from the fp32 network trained for 2 epochs (94.00 %)", markdown, StringComparison.Ordinal);
        Assert.Contains("- DDQ at 4 bits is lossless (Zhang et al., ICML 2021): ddq W4A4 96.20 % vs fp32 97.00 % (0.80 points below) — **disagrees**.", markdown, StringComparison.Ordinal);
        Assert.Contains("| fp32 (start of fine-tuning) | 60 | 32 |", markdown, StringComparison.Ordinal);
    }
}
