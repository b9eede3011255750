using System;
using System.IO;
using System.Linq;
using LowBit.Data;
using LowBit.Manifest;
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

var repository = run.RunApp ? MnistAppRunner.FindRepository() : null;
var split = BundledMnist.Split();
using var train = ImageBatch.FromMnist(split.Train);
using var test = ImageBatch.FromMnist(split.Test);
var budget = run.Budget is { } bits ? new BitBudget(bits) : null;
Console.WriteLine($"training {run.Method} {(run.Method == MnistExperiment.Float ? string.Empty : run.Bits.ToString())} for {run.Epochs} epochs on {train.Count} digits, seed {run.Seed}");
var result = MnistExperiment.Run(run.Method, run.Bits, new TrainingOptions { Epochs = run.Epochs, Seed = run.Seed, Budget = budget }, train, test, report =>
    Console.WriteLine($"  epoch {report.Epoch}/{report.Epochs}: loss {report.Loss:F4}, train {report.TrainAccuracy:P2}, {report.Duration.TotalSeconds:F1} s, RSS {report.WorkingSetBytes / (1 << 20)} MiB, weights {report.AverageWeightBits:F2} bits"));
Console.WriteLine($"held-out accuracy (TorchSharp, eval): {result.TorchAccuracy:P2} on {test.Count} digits");
if (result.Manifest is null)
{
    return 0;
}

Console.WriteLine($"weight bits per layer: {string.Join(", ", BitBudget.PerLayer(result.Model).Select(l => $"{l.Layer} {l.Bits}"))} (average {BitBudget.AverageBits(result.Model):F2})");
var output = run.Output ?? (repository is null ? Path.Combine("out", result.Name + ".lbq") : MnistAppRunner.ModelPath(repository));
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
ManifestWriter.WriteFile(result.Manifest, output);
Console.WriteLine($"exported {Path.GetRelativePath(Directory.GetCurrentDirectory(), output)} ({new FileInfo(output).Length:N0} bytes)");
Console.WriteLine($"deploy check: {result.Check}");
if (!result.Check!.Passed)
{
    return 1;
}

return repository is null ? 0 : MnistAppRunner.BuildAndRun(repository);
