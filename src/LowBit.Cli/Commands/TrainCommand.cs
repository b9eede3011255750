using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using LowBit.Data;
using LowBit.Manifest;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Training;
using LowBit.Cli.Progress;
using Spectre.Console;

namespace LowBit.Cli.Commands;

/// <summary>
/// <c>lowbit train</c>: trains the small MNIST CNN on the bundled digits with a quantization method and a
/// per-layer bitwidth plan (or a bit budget for methods that learn bitwidths), exports the manifest and
/// checks the deployed integer model against the TorchSharp one on the held-out digits.
/// </summary>
public static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var method = new Option<string>("--method") { Description = $"Quantization method: {string.Join(", ", QuantizationMethod.All.Select(m => m.Name))}, or fp32.", DefaultValueFactory = _ => "dsq" };
        var bits = new Option<string>("--bits") { Description = "Bitwidths: W2A2 for every layer, or W2A2,conv1=W8A8 with per-layer overrides (layers: conv1, conv2, fc1, fc2).", DefaultValueFactory = _ => "W2A2" };
        var budget = new Option<double?>("--budget") { Description = "Average weight bits to stay within; cpq and ddq then learn each layer's bitwidth up to --bits." };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed for initialisation and shuffling.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Where to write the manifest (default: <model name>.lbq in the current directory)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Also save the trained model (TorchSharp state, and a .json describing it) for a later lowbit export." };
        var command = new Command("train", "Train the MNIST CNN with quantization-aware training on the bundled digits, export the manifest and check it.")
        {
            method, bits, budget, epochs, seed, output, checkpoint,
        };
        command.SetAction(parseResult => Run(
            context,
            parseResult.GetValue(method)!,
            parseResult.GetValue(bits)!,
            parseResult.GetValue(budget),
            parseResult.GetValue(epochs),
            parseResult.GetValue(seed),
            parseResult.GetValue(output),
            parseResult.GetValue(checkpoint)));
        return command;
    }

    public static int Run(CliContext context, string method, string bits, double? budget, int epochs, int seed, string? output, string? checkpoint = null)
    {
        BitwidthPlan plan;
        try
        {
            if (!string.Equals(method, MnistExperiment.Float, StringComparison.OrdinalIgnoreCase))
            {
                QuantizationMethod.Parse(method);
            }

            plan = BitwidthPlan.Parse(bits);
            if (epochs < 1)
            {
                throw new ArgumentException($"--epochs must be at least 1, found {epochs}");
            }

            if (budget is <= 0)
            {
                throw new ArgumentException($"--budget must be a positive number of bits, found {budget}");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return context.Fail(e);
        }

        var console = context.CreateConsole();
        var split = BundledMnist.Split();
        using var train = ImageBatch.FromMnist(split.Train);
        using var test = ImageBatch.FromMnist(split.Test);
        var options = new TrainingOptions { Epochs = epochs, Seed = seed, Budget = budget is { } b ? new BitBudget(b) : null };
        console.MarkupLine(Markup.Escape($"training {method} {plan} for {epochs} epochs on {train.Count:N0} bundled MNIST digits, seed {seed}"));
        MnistExperimentResult result;
        try
        {
            result = TrainWithProgress(context, method, plan, options, train, test);
        }
        catch (ArgumentException e)
        {
            return context.Fail(e);
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out accuracy (TorchSharp): {result.TorchAccuracy * 100:F2} % on {test.Count:N0} digits"));
        if (checkpoint is not null)
        {
            try
            {
                MnistCheckpoint.Save(result.Model, method, plan, checkpoint);
                console.WriteLine($"saved checkpoint {checkpoint} (+ .json)");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return context.Fail($"{checkpoint}: cannot write the checkpoint: {IoProblems.DescribeWrite(checkpoint, e)}");
            }
        }

        if (result.Manifest is null)
        {
            return ExitCodes.Success;
        }

        var path = output ?? result.Name + ".lbq";
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            Directory.CreateDirectory(directory!);
            ManifestWriter.WriteFile(result.Manifest, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.Fail($"{path}: cannot write the manifest: {IoProblems.DescribeWrite(path, e)}");
        }

        console.WriteLine($"weight bits: {string.Join(", ", BitBudget.PerLayer(result.Model).Select(l => $"{l.Layer} {l.Bits}"))} (average {BitBudget.AverageBits(result.Model).ToString("F2", CultureInfo.InvariantCulture)})");
        console.WriteLine($"exported {path} ({new FileInfo(path).Length.ToString("N0", CultureInfo.InvariantCulture)} bytes)");
        console.WriteLine($"deploy check: {result.Check}");
        return result.Check!.Passed ? ExitCodes.Success : context.Fail($"{path}: the deployed model does not match the trained one ({result.Check})");
    }

    private static MnistExperimentResult TrainWithProgress(CliContext context, string method, BitwidthPlan plan, TrainingOptions options, ImageBatch train, ImageBatch test)
    {
        static string Describe(EpochReport r) => string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch}/{r.Epochs}: loss {r.Loss:F4}, train {r.TrainAccuracy * 100:F2} %, {r.Duration.TotalSeconds:F1} s, weights {r.AverageWeightBits:F2} bits");

        var progress = new LiveProgress(context.Output, context.OutputIsTerminal);
        var withProgress = options with { OnBatch = b => progress.Update($"epoch {b.Epoch}/{b.Epochs}", b.Samples, b.SampleCount, "img", b.Elapsed, EpochProgress.Detail(b)) };
        return MnistExperiment.Run(method, plan, withProgress, train, test, r => progress.Complete("  " + Describe(r)));
    }
}
