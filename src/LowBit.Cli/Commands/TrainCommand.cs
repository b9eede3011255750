using System;
using LowBit.Cli.Study;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using LowBit.Data;
using LowBit.Manifest;
using LowBit.Quantization.Modules.Zoo;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Training;
using LowBit.Cli.Progress;
using Spectre.Console;
using TorchSharp.Modules;

namespace LowBit.Cli.Commands;

/// <summary>
/// <c>lowbit train</c>: trains a zoo model (the small MNIST CNN, ResNet-8/20, MobileNetV2) on the bundled digits with a quantization method and a
/// per-layer bitwidth plan (or a bit budget for methods that learn bitwidths), exports the manifest and
/// checks the deployed integer model against the TorchSharp one on the held-out digits.
/// </summary>
public static class TrainCommand
{
    public static Command Create(CliContext context)
    {
        var model = new Option<string>("--model") { Description = $"Architecture: {string.Join(", ", ModelZoo.Names)}.", DefaultValueFactory = _ => ModelZoo.MnistCnnName };
        var method = new Option<string>("--method") { Description = $"Quantization method: {string.Join(", ", QuantizationMethod.All.Select(m => m.Name))}, or fp32.", DefaultValueFactory = _ => "dsq" };
        var bits = new Option<string?>("--bits") { Description = "Bitwidths: W2A2 for every layer, or W2A2,conv1=W8A8 with per-layer overrides (mnist-cnn layers: conv1, conv2, fc1, fc2; resnet: stem, layer1.0.conv1 … fc; mobilenetv2: stem, block0.depthwise … head, fc). Default W2A2, or with --budget B weights up to W8 and activations at ⌈B⌉ bits." };
        var budget = new Option<double?>("--budget") { Description = "Average weight bits to stay within; cpq and ddq then learn each layer's bitwidth up to --bits." };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed for initialisation and shuffling.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Where to write the manifest (default: <model name>.lbq in the current directory)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Also save the trained model (TorchSharp state, and a .json describing it) for a later lowbit export." };
        var device = new Option<string>("--device") { Description = "cpu or cuda (needs a CUDA libtorch and a GPU).", DefaultValueFactory = _ => "cpu" };
        var trainImages = new Option<int?>("--train-images") { Description = "Train on N of the 8,000 training digits, evenly spaced so every class keeps its share (a short schedule on a busy machine); the held-out 2,000 are always all checked." };
        var resume = new Option<bool>("--resume") { Description = "Continue an interrupted run from <checkpoint>.training (written after every epoch when --checkpoint is given); same --epochs and --seed." };
        var startFrom = new Option<string?>("--start-from") { Description = "Fine-tune: start from a trained network of the same --model saved with --checkpoint (typically --method fp32), as the papers fine-tune pretrained networks, instead of from scratch." };
        var command = new Command("train", "Train a model with quantization-aware training on the bundled digits, export the manifest and check it.")
        {
            model, method, bits, budget, epochs, seed, output, checkpoint, startFrom, device, resume, trainImages,
        };
        command.SetAction(parseResult => Run(
            context,
            parseResult.GetValue(method)!,
            parseResult.GetValue(bits) ?? DefaultBits(parseResult.GetValue(budget)),
            parseResult.GetValue(budget),
            parseResult.GetValue(epochs),
            parseResult.GetValue(seed),
            parseResult.GetValue(output),
            parseResult.GetValue(checkpoint),
            parseResult.GetValue(model)!,
            parseResult.GetValue(device)!,
            parseResult.GetValue(resume),
            parseResult.GetValue(trainImages),
            parseResult.GetValue(startFrom)));
        return command;
    }

    /// <summary>Without --bits: W2A2, or for a bit budget room to learn (up to 8 weight bits) with activations at
    /// the budget's ceiling, as the study's learned-precision runs use.</summary>
    public static string DefaultBits(double? budget) =>
        budget is { } b and > 0 ? $"W{StudyRun.LearnedMaxBits}A{StudyRun.BudgetActivationBits(b)}" : "W2A2";

    public static int Run(CliContext context, string method, string bits, double? budget, int epochs, int seed, string? output, string? checkpoint = null, string model = ModelZoo.MnistCnnName, string device = "cpu", bool resume = false, int? trainImages = null, string? startFrom = null)
    {
        BitwidthPlan plan;
        try
        {
            if (!string.Equals(method, MnistExperiment.Float, StringComparison.OrdinalIgnoreCase))
            {
                QuantizationMethod.Parse(method);
            }

            plan = BitwidthPlan.Parse(bits);
            if (!ModelZoo.Names.Contains(model.Trim().ToLowerInvariant()))
            {
                throw new ArgumentException($"unknown --model \"{model}\"; expected one of {string.Join(", ", ModelZoo.Names)}");
            }

            if (epochs < 1)
            {
                throw new ArgumentException($"--epochs must be at least 1, found {epochs}");
            }

            TrainingDevice.Resolve(device);
            if (resume && checkpoint is null)
            {
                throw new ArgumentException("--resume needs --checkpoint: the run continues from <checkpoint>.training");
            }

            if (trainImages is < 1 or > BundledMnist.TrainCount)
            {
                throw new ArgumentException($"--train-images must be 1 to {BundledMnist.TrainCount}, found {trainImages}");
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

        Sequential? pretrained = null;
        if (startFrom is not null)
        {
            try
            {
                pretrained = PretrainedNetwork(startFrom, model, method, plan);
            }
            catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or FormatException)
            {
                return context.Fail($"--start-from {startFrom}: {e.Message}");
            }
        }

        var console = context.CreateConsole();
        var split = BundledMnist.Split();
        using var allTrain = ImageBatch.FromMnist(split.Train);
        using var subset = trainImages is { } n ? allTrain.EvenlySpaced(n) : null;
        var train = subset ?? allTrain;
        using var test = ImageBatch.FromMnist(split.Test);
        var options = new TrainingOptions
        {
            Epochs = epochs,
            Seed = seed,
            Budget = budget is { } b ? new BitBudget(b) : null,
            Device = device,
            CheckpointPath = checkpoint is null ? null : checkpoint + ".training",
            Resume = resume,
            StartFrom = pretrained,
        };
        console.MarkupLine(Markup.Escape($"training {model} {method} {plan} for {epochs} epochs on {train.Count:N0} bundled MNIST digits, seed {seed}"));
        MnistExperimentResult result;
        try
        {
            result = TrainWithProgress(context, model, method, plan, options, train, test);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException)
        {
            return context.Fail(e);
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"held-out accuracy (TorchSharp): {result.TorchAccuracy * 100:F2} % on {test.Count:N0} digits"));
        if (checkpoint is not null)
        {
            try
            {
                MnistCheckpoint.Save(result.Model, method, plan, checkpoint, model);
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

    /// <summary>The saved network, checked before training: same architecture, and every tensor it has fits
    /// the network to train.</summary>
    private static Sequential PretrainedNetwork(string path, string model, string method, BitwidthPlan plan)
    {
        var (network, savedMethod, _) = MnistCheckpoint.Load(path);
        var architecture = MnistCheckpoint.ArchitectureOf(path);
        if (!string.Equals(architecture, model.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"the checkpoint is a {architecture}, not a {model}");
        }

        if (!string.Equals(savedMethod, MnistExperiment.Float, StringComparison.OrdinalIgnoreCase))
        {
            // Its quantizers' settled state would be copied too, and they would skip their start on the new weights.
            throw new ArgumentException($"the checkpoint is a {savedMethod} network; fine-tuning starts from a float one (lowbit train --method fp32 --checkpoint <file>)");
        }

        var quantization = string.Equals(method, MnistExperiment.Float, StringComparison.OrdinalIgnoreCase) ? null : QuantizationMethod.Parse(method);
        using var target = ModelZoo.Create(architecture, quantization, plan);
        PretrainedStart.Check(network, target);
        return network;
    }

    private static MnistExperimentResult TrainWithProgress(CliContext context, string model, string method, BitwidthPlan plan, TrainingOptions options, ImageBatch train, ImageBatch test)
    {
        static string Describe(EpochReport r) => string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch}/{r.Epochs}: loss {r.Loss:F4}, train {r.TrainAccuracy * 100:F2} %, {r.Duration.TotalSeconds:F1} s, {r.WorkingSetBytes / (1 << 20)} MB resident, weights {r.AverageWeightBits:F2} bits");

        var progress = new LiveProgress(context.Output, context.OutputIsTerminal);
        var withProgress = options with { OnBatch = b => progress.Update($"epoch {b.Epoch}/{b.Epochs}", b.Samples, b.SampleCount, "img", b.Elapsed, EpochProgress.Detail(b)) };
        return MnistExperiment.Run(method, plan, withProgress, train, test, r => progress.Complete("  " + Describe(r)), model);
    }
}
