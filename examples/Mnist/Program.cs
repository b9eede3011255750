using System;
using System.IO;
using System.Linq;
using LowBit.Data;
using LowBit.Manifest;
using LowBit.Quantization.Export;
using LowBit.Quantization.Modules;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Simulation;
using LowBit.Quantization.Training;
using Mnist;

TrainingRun run;
try
{
    if (Array.Exists(args, a => a is "--help" or "-h"))
    {
        Console.WriteLine(TrainingRun.Usage);
        return 0;
    }

    run = TrainingRun.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"Mnist: {e.Message}");
    Console.Error.WriteLine(TrainingRun.Usage);
    return 2;
}

var split = BundledMnist.Split();
using var train = ImageBatch.FromMnist(split.Train);
using var test = ImageBatch.FromMnist(split.Test);
TorchSession.Seed(run.Seed);
var quantized = run.Method != "fp32";
var model = quantized ? MnistCnn.Quantized(QuantizationMethod.Parse(run.Method), run.Bits) : MnistCnn.Float();
Console.WriteLine($"training {(quantized ? $"{run.Method} {run.Bits}" : "fp32")} for {run.Epochs} epochs on {train.Count} digits, seed {run.Seed}");
var budget = run.Budget is { } bits ? new BitBudget(bits) : null;
Trainer.Train(model, train, new TrainingOptions { Epochs = run.Epochs, Seed = run.Seed, Budget = budget }, report =>
    Console.WriteLine($"  epoch {report.Epoch}/{report.Epochs}: loss {report.Loss:F4}, train {report.TrainAccuracy:P2}, {report.Duration.TotalSeconds:F1} s, RSS {report.WorkingSetBytes / (1 << 20)} MiB, weights {report.AverageWeightBits:F2} bits"));
Console.WriteLine($"held-out accuracy (TorchSharp, eval): {Trainer.Accuracy(model, test):P2} on {test.Count} digits");
if (!quantized)
{
    return 0;
}

Console.WriteLine($"weight bits per layer: {string.Join(", ", BitBudget.PerLayer(model).Select(l => $"{l.Layer} {l.Bits}"))} (average {BitBudget.AverageBits(model):F2})");
var name = $"mnist_{run.Method}_{run.Bits.ToString().ToLowerInvariant().Replace(',', '_').Replace('=', '-')}{(run.Budget is { } b ? $"_budget{b:0.##}" : string.Empty)}";
var manifest = ManifestExporter.Export((TorchSharp.Modules.Sequential)model, name, TensorShape.Chw(1, 28, 28));
var output = run.Output ?? Path.Combine("out", name + ".lbq");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
ManifestWriter.WriteFile(manifest, output);
Console.WriteLine($"exported {output} ({new FileInfo(output).Length:N0} bytes)");
var check = DeployCheck.Run(model, manifest, test);
Console.WriteLine($"deploy check: {check}");
return check.Passed ? 0 : 1;
