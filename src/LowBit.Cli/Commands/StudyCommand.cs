using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using LowBit.Cli.Progress;
using LowBit.Cli.Study;
using LowBit.Data;
using LowBit.Quantization.Modules.Zoo;
using LowBit.Quantization.Quantizers;

namespace LowBit.Cli.Commands;

/// <summary>
/// <c>lowbit study</c>: the accuracy study — every quantizer at W1A1, W2A2, W3A3, W4A4 and W8A8 plus fp32,
/// fixed seeds — written to a Markdown table (docs/results.md by default) with a PNG plot beside it.
/// </summary>
public static class StudyCommand
{
    public const int ShortEpochs = 3;
    public const int FullEpochs = 10;

    public static Command Create(CliContext context)
    {
        var full = new Option<bool>("--full") { Description = $"The long schedule ({FullEpochs} epochs per run instead of {ShortEpochs})." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs per run (overrides --full)." };
        var methods = new Option<string>("--methods") { Description = "Comma-separated methods (default: all).", DefaultValueFactory = _ => string.Join(",", QuantizationMethod.All.Select(m => m.Name)) };
        var bits = new Option<string>("--bits") { Description = "Comma-separated uniform bitwidths (default: 1,2,3,4,8).", DefaultValueFactory = _ => string.Join(",", AccuracyStudy.DefaultBits) };
        var seed = new Option<int>("--seed") { Description = "Seed for every run.", DefaultValueFactory = _ => 1 };
        var model = new Option<string>("--model") { Description = $"Architecture: {string.Join(", ", ModelZoo.Names)}.", DefaultValueFactory = _ => ModelZoo.MnistCnnName };
        var trainImages = new Option<int?>("--train-images") { Description = "Train on N of the 8,000 training digits, evenly spaced (a short schedule for the larger models)." };
        var output = new Option<string>("--out") { Description = "The Markdown report (default docs/results.md): the network's section is replaced or added, other networks' sections are kept; the plot is written beside it as <name>-<model>.png." };
        var budget = new Option<double?>("--budget") { Description = "Also train each method that learns bitwidths (cpq, ddq) with per-layer weight bits up to 8 under this average, activations at its ceiling." };
        var fineTune = new Option<bool>("--finetune") { Description = "Start every quantized run from the fp32 run's trained weights (the papers' protocol) instead of from scratch; the section is kept apart from the from-scratch one." };
        var command = new Command("study", "Train every quantizer at W1A1…W8A8 and fp32 on the bundled MNIST digits; write the accuracy table and plot.")
        {
            model, full, epochs, methods, bits, budget, fineTune, seed, trainImages, output,
        };
        command.SetAction(parseResult => Run(
            context,
            parseResult.GetValue(epochs) ?? (parseResult.GetValue(full) ? FullEpochs : ShortEpochs),
            parseResult.GetValue(methods)!,
            parseResult.GetValue(bits)!,
            parseResult.GetValue(seed),
            parseResult.GetValue(output),
            "lowbit " + string.Join(' ', parseResult.Tokens.Select(t => t.Value)),
            parseResult.GetValue(model)!,
            parseResult.GetValue(trainImages),
            parseResult.GetValue(budget),
            parseResult.GetValue(fineTune)));
        return command;
    }

    public static int Run(CliContext context, int epochs, string methodList, string bitList, int seed, string? output, string commandLine, string model = ModelZoo.MnistCnnName, int? trainImages = null, double? budget = null, bool fineTune = false)
    {
        AccuracyStudy study;
        try
        {
            var methods = methodList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(m => QuantizationMethod.Parse(m).Name).Distinct().ToArray();
            var bits = bitList.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParseBits).Distinct().OrderBy(b => b).ToArray();
            if (methods.Length == 0 || bits.Length == 0 || epochs < 1)
            {
                throw new ArgumentException("the study needs at least one method, one bitwidth and one epoch");
            }

            var architecture = ModelZoo.Names.FirstOrDefault(n => string.Equals(n, model.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"unknown model \"{model}\"; expected one of {string.Join(", ", ModelZoo.Names)}");
            if (trainImages is < 1 or > BundledMnist.TrainCount)
            {
                throw new ArgumentException($"--train-images must be 1 to {BundledMnist.TrainCount}, found {trainImages}");
            }

            if (budget is { } b && !(b >= 1 && b <= StudyRun.LearnedMaxBits))
            {
                throw new ArgumentException($"--budget must be 1 to {StudyRun.LearnedMaxBits} average weight bits, found {b}");
            }

            if (budget is not null && !methods.Any(m => QuantizationMethod.Parse(m).LearnsBitwidth))
            {
                throw new ArgumentException($"--budget needs a method that learns bitwidths (cpq or ddq) in --methods, found {string.Join(",", methods)}");
            }

            study = new AccuracyStudy(methods, bits, epochs, seed, architecture, trainImages, budget, fineTune);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return context.Fail(e);
        }

        output ??= Path.Combine("docs", "results.md");
        string? existing;
        try
        {
            existing = File.Exists(output) ? File.ReadAllText(output) : null;
            ResultsDocument.Upsert(existing, study.Section, string.Empty);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Checked before hours of training, not after.
            return context.Fail($"{output}: cannot hold the study: {(e is FormatException ? e.Message : IoProblems.DescribeWrite(output, e))}");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var done = 0;
        var learned = study.Budget is { } average ? string.Join(string.Empty, study.LearnedPrecisionMethods.Select(m => $", {m} learned under {average.ToString("0.##", CultureInfo.InvariantCulture)} bits")) : string.Empty;
        context.Output.WriteLine($"study of {study.Model}{(study.FineTune ? " fine-tuned from fp32" : string.Empty)}: {study.RunCount} runs ({string.Join(", ", study.Methods)} at {string.Join(", ", study.Bits.Select(b => $"W{b}A{b}"))}{learned}, and fp32), {epochs} epochs each, seed {seed}");
        var progress = new LiveProgress(context.Output, context.OutputIsTerminal);
        var runs = study.Run(
            run =>
            {
                done++;
                var check = run.DeployCheckPassed ? string.Empty : " (deploy check FAILED)";
                progress.Complete(string.Create(CultureInfo.InvariantCulture, $"  [{done}/{study.RunCount}] {PaperClaims.Label(run)}: {run.Accuracy * 100:F2} %{check}, {run.Duration.TotalSeconds:F0} s"));
            },
            (label, b) => progress.Update($"  [{done + 1}/{study.RunCount}] {label}, epoch {b.Epoch}/{b.Epochs}", b.Samples, b.SampleCount, "img", b.Elapsed, EpochProgress.Detail(b)));

        var plot = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, $"{Path.GetFileNameWithoutExtension(output)}-{study.Section}.png");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            StudyPlot.Save(runs, plot, StudyReport.Title(study.Model) + (study.FineTune ? ", fine-tuned from fp32" : string.Empty));
            var section = StudyReport.Markdown(study, runs, commandLine, Path.GetFileName(plot), clock.Elapsed);
            existing = File.Exists(output) ? File.ReadAllText(output) : null;
            File.WriteAllText(output, ResultsDocument.Upsert(existing, study.Section, section));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return context.Fail($"{output}: cannot write the study: {(e is FormatException ? e.Message : IoProblems.DescribeWrite(output, e))}");
        }

        context.Output.WriteLine($"wrote {output} and {plot}");
        return runs.All(r => r.DeployCheckPassed) ? ExitCodes.Success : context.Fail("some deployed models did not match their trained models; see the ✗ cells");
    }

    private static int ParseBits(string text)
    {
        var digits = text.ToUpperInvariant();
        if (digits.StartsWith('W') && digits.Contains('A'))
        {
            var parsed = LayerBits.Parse(digits);
            if (parsed.Weights != parsed.Activations)
            {
                throw new FormatException($"the study uses uniform bitwidths; \"{text}\" mixes W{parsed.Weights} and A{parsed.Activations}");
            }

            return parsed.Weights;
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) && bits is >= 1 and <= 8
            ? bits
            : throw new FormatException($"\"{text}\" is not a bitwidth: expected 1–8 or WbAb");
    }
}
