using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace LowBit.Cli.Study;

/// <summary>One network's section of docs/results.md: how the study was run, the method × bits table of
/// deployed accuracy, the plot, and the papers' claims checked against it (<see cref="ResultsDocument"/>
/// puts it in its place).</summary>
public static class StudyReport
{
    public static string Markdown(AccuracyStudy study, IReadOnlyList<StudyRun> runs, string command, string plotFile, TimeSpan total)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"## {Title(study.Model)}{(study.FineTune ? ", fine-tuned from fp32" : string.Empty)} (`--model {study.Model}{(study.FineTune ? " --finetune" : string.Empty)}`)");
        Line($"");
        Line($"Produced by `{command}` (from a clone: `dotnet run -c Release --project src/LowBit.Cli -- {command["lowbit ".Length..]}`) on {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {total.TotalMinutes:F1} minutes. Do not edit by hand: rerun the command.");
        Line($"");
        Line($"- Data: the bundled 10,000 MNIST digits, 8,000 for training and 2,000 held out (every fifth digit).{(study.TrainImages is { } n ? $" Training used {n:N0} of the 8,000, evenly spaced (every class in its share)." : string.Empty)}");
        Line($"- Model: {Description(study.Model)}");
        if (study.Budget is { } budget)
        {
            Line($"- Learned precision: {string.Join(" and ", study.LearnedPrecisionMethods)} also ran with each layer's weight bitwidth learned (up to {StudyRun.LearnedMaxBits}) under an average of {budget:0.##} bits, activations at {StudyRun.BudgetActivationBits(budget)} bits; the cell gives the average weight bits it settled on.");
        }

        Line($"- Schedule: {study.Epochs} epochs of Adam (learning rate 2e-3, cosine), batch 64, seed {study.Seed} for every run{(study.FineTune ? "; every quantized run is **fine-tuned from the fp32 run's weights** (the papers' protocol), with the same schedule" : ", each from scratch")}.");
        Line($"- Each cell is the held-out accuracy of the **deployed integer model** (reference interpreter) after export; every run's deploy check compares it with the TorchSharp model (✗ marks a failed check).");
        Line($"- One accuracy on 2,000 digits has a standard error of about 0.35 points.");
        Line($"");
        var bits = study.Bits;
        text.Append("| method |");
        foreach (var b in bits)
        {
            text.Append(CultureInfo.InvariantCulture, $" W{b}A{b} |");
        }

        if (study.Budget is { } learnedBudget)
        {
            text.Append(CultureInfo.InvariantCulture, $" learned W (≤ {learnedBudget:0.##} avg) A{StudyRun.BudgetActivationBits(learnedBudget)} |");
        }

        var columns = bits.Count + (study.Budget is null ? 0 : 1);
        text.AppendLine();
        text.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", columns))).AppendLine();
        foreach (var method in study.Methods)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {method} |");
            foreach (var b in bits)
            {
                var run = runs.FirstOrDefault(r => r.Method == method && r.Bits == b && r.Budget is null);
                text.Append(' ').Append(run is null ? "–" : Cell(run)).Append(" |");
            }

            if (study.Budget is not null)
            {
                var learned = runs.FirstOrDefault(r => r.Method == method && r.Budget is not null);
                text.Append(' ').Append(learned is null ? "–" : Cell(learned)).Append(" |");
            }

            text.AppendLine();
        }

        var fp32 = runs.FirstOrDefault(r => r.IsFloatBaseline);
        if (fp32 is not null)
        {
            Line($"");
            Line($"fp32 baseline (same network and schedule, float): **{fp32.Accuracy * 100:F2} %**.");
        }

        var start = runs.FirstOrDefault(r => r.StartingPoint);
        if (start is not null)
        {
            var epochs = study.Epochs == 1 ? "1 epoch" : $"{study.Epochs} epochs";
            Line($"The quantized runs start from the fp32 network trained for {epochs} ({start.Accuracy * 100:F2} %); the baseline above is that network trained for {epochs} more, the schedule each quantized run had.");
        }

        Line($"");
        Line($"![accuracy vs bits]({plotFile})");
        Line($"");
        Line($"### The papers' claims, checked");
        Line($"");
        Line($"Differences under {PaperClaims.Noise:0.0} point (about two standard errors of a difference) are reported as not separable; \"lossless\" means within {PaperClaims.Lossless:0.0} point of fp32. The papers measure ImageNet/CIFAR networks fine-tuned from pretrained weights for many epochs; {(study.FineTune ? "these runs are fine-tuned too, but" : "this is")} a short {(study.FineTune ? string.Empty : "from-scratch ")}schedule on a small digit set, so agreement here is weak evidence and disagreement is not a refutation.");
        Line($"");
        foreach (var claim in PaperClaims.Check(runs))
        {
            text.AppendLine(claim);
        }

        Line($"");
        Line($"### Run times");
        Line($"");
        Line($"| run | seconds | average weight bits |");
        Line($"|---|---:|---:|");
        foreach (var run in runs)
        {
            Line($"| {PaperClaims.Label(run)} | {run.Duration.TotalSeconds:F0} | {(run.Bits == StudyRun.FloatBits ? "32" : run.AverageWeightBits.ToString("F2", CultureInfo.InvariantCulture))} |");
        }

        return text.ToString();
    }

    public static string Title(string model) => model switch
    {
        "resnet8" => "ResNet-8",
        "resnet20" => "ResNet-20",
        "mobilenetv2" => "MobileNetV2",
        _ => "The small CNN",
    };

    private static string Description(string model) => model switch
    {
        "resnet8" or "resnet20" => $"{Title(model)} (CIFAR-style: 3×3 stem of 16, three stages of basic blocks at 16/32/64 channels with 1×1 projection shortcuts into stages 2 and 3, global average pooling, fc; see docs/zoo.md), every convolution, add and the fc quantized, 8-bit input.",
        "mobilenetv2" => "MobileNetV2 sized for digits (3×3 stem 16, eight inverted residuals with depthwise 3×3 convolutions, 1×1 head to 128, global average pooling, fc; see docs/zoo.md), every layer and add quantized, 8-bit input.",
        _ => "the small CNN (conv 3×3 16 → pool → conv 3×3 32 → pool → fc 64 → fc 10, BatchNorm), all four layers quantized, 8-bit input.",
    };

    /// <summary>Accuracy, with the learned average bitwidth when a method (CPQ, DDQ) ended below the plan.</summary>
    private static string Cell(StudyRun run)
    {
        var cell = string.Create(CultureInfo.InvariantCulture, $"{run.Accuracy * 100:F2}");
        if (run.Budget is not null || run.AverageWeightBits < run.Bits - 0.005)
        {
            cell += string.Create(CultureInfo.InvariantCulture, $" (W {run.AverageWeightBits:F2})");
        }

        return run.DeployCheckPassed ? cell : cell + " ✗";
    }
}
