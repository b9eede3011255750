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

        Assert.StartsWith("# Accuracy study: ResNet-8, every quantizer at every bitwidth", markdown, StringComparison.Ordinal);
        Assert.Contains("Training used 2,000 of the 8,000, evenly spaced", markdown, StringComparison.Ordinal);
        Assert.Contains("- Model: ResNet-8 (CIFAR-style", markdown, StringComparison.Ordinal);
        Assert.Contains("| dsq | 95.25 |", markdown, StringComparison.Ordinal);
        Assert.Contains("fp32 baseline (same network and schedule, float): **97.00 %**", markdown, StringComparison.Ordinal);
    }
}
