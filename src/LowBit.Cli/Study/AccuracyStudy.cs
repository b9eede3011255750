using System;
using System.Collections.Generic;
using System.Diagnostics;
using LowBit.Data;
using LowBit.Quantization.Modules.Zoo;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Training;

namespace LowBit.Cli.Study;

/// <summary>
/// Trains one <see cref="ModelZoo"/> architecture (the MNIST CNN by default) with every method at every uniform bitwidth (WbAb) plus the fp32 baseline, with
/// fixed seeds, and records the held-out accuracy of each deployed integer model.
/// </summary>
public sealed class AccuracyStudy
{
    public static readonly int[] DefaultBits = { 1, 2, 3, 4, 8 };

    public AccuracyStudy(IReadOnlyList<string> methods, IReadOnlyList<int> bits, int epochs, int seed, string model = ModelZoo.MnistCnnName, int? trainImages = null)
    {
        Methods = methods;
        Bits = bits;
        Epochs = epochs;
        Seed = seed;
        Model = model;
        TrainImages = trainImages;
    }

    /// <summary>A <see cref="ModelZoo"/> architecture.</summary>
    public string Model { get; }

    /// <summary>Train on this many evenly spaced training digits; null for all 8,000.</summary>
    public int? TrainImages { get; }

    public IReadOnlyList<string> Methods { get; }

    public IReadOnlyList<int> Bits { get; }

    public int Epochs { get; }

    public int Seed { get; }

    public int RunCount => (Methods.Count * Bits.Count) + 1;

    /// <summary>Runs the study; <paramref name="onBatch"/> hears every training batch with the run's label ("dsq W2A2").</summary>
    public IReadOnlyList<StudyRun> Run(Action<StudyRun> onRun, Action<string, BatchProgress>? onBatch = null)
    {
        var split = BundledMnist.Split();
        using var allTrain = ImageBatch.FromMnist(split.Train);
        using var subset = TrainImages is { } count ? allTrain.EvenlySpaced(count) : null;
        var train = subset ?? allTrain;
        using var test = ImageBatch.FromMnist(split.Test);
        var options = new TrainingOptions { Epochs = Epochs, Seed = Seed };
        var runs = new List<StudyRun>();

        void Record(string method, int bits)
        {
            var clock = Stopwatch.StartNew();
            var label = bits == StudyRun.FloatBits ? method : $"{method} W{bits}A{bits}";
            var runOptions = onBatch is null ? options : options with { OnBatch = b => onBatch(label, b) };
            var result = MnistExperiment.Run(method, BitwidthPlan.Uniform(Math.Min(bits, 8), Math.Min(bits, 8)), runOptions, train, test, model: Model);
            var averageBits = result.Manifest is null ? StudyRun.FloatBits : BitBudget.AverageBits(result.Model);
            var run = new StudyRun(method, bits, result.DeployedAccuracy, result.Check?.Passed ?? true, averageBits, clock.Elapsed);
            runs.Add(run);
            onRun(run);
        }

        Record(MnistExperiment.Float, StudyRun.FloatBits);
        foreach (var method in Methods)
        {
            foreach (var bits in Bits)
            {
                Record(method, bits);
            }
        }

        return runs;
    }
}
