using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using LowBit.Data;
using LowBit.Quantization.Modules.Zoo;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Training;

namespace LowBit.Cli.Study;

/// <summary>
/// Trains one <see cref="ModelZoo"/> architecture (the MNIST CNN by default) with every method at every uniform bitwidth (WbAb) plus the fp32 baseline, with
/// fixed seeds, and records the held-out accuracy of each deployed integer model. With a bit budget, each method that
/// learns its bitwidths (CPQ, DDQ) also runs once with per-layer weight precision learned under it.
/// </summary>
public sealed class AccuracyStudy
{
    public static readonly int[] DefaultBits = { 1, 2, 3, 4, 8 };

    public AccuracyStudy(IReadOnlyList<string> methods, IReadOnlyList<int> bits, int epochs, int seed, string model = ModelZoo.MnistCnnName, int? trainImages = null, double? budget = null, bool fineTune = false)
    {
        Budget = budget;
        FineTune = fineTune;
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

    /// <summary>Whether the quantized runs start from the fp32 run's weights rather than from scratch.</summary>
    public bool FineTune { get; }

    /// <summary>The study's section of docs/results.md and the suffix of its plot: the network, and whether its
    /// runs were fine-tuned (both kinds of study of one network are kept).</summary>
    public string Section => FineTune ? $"{Model}-finetuned" : Model;

    /// <summary>Average weight bits for the learned-precision runs; null for none.</summary>
    public double? Budget { get; }

    /// <summary>The methods that get a learned-precision run (none without a budget).</summary>
    public IReadOnlyList<string> LearnedPrecisionMethods =>
        Budget is null ? Array.Empty<string>() : Methods.Where(m => QuantizationMethod.Parse(m).LearnsBitwidth).ToArray();

    public IReadOnlyList<int> Bits { get; }

    public int Epochs { get; }

    public int Seed { get; }

    public int RunCount => (Methods.Count * Bits.Count) + LearnedPrecisionMethods.Count + (FineTune ? 2 : 1);

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

        void Record(string method, int bits, double? budget = null, bool startingPoint = false)
        {
            var clock = Stopwatch.StartNew();
            var label = PaperClaims.Label(new StudyRun(method, bits, 0, true, 0, TimeSpan.Zero, budget));
            var runOptions = options with { Budget = budget is { } b ? new BitBudget(b) : null };
            runOptions = onBatch is null ? runOptions : runOptions with { OnBatch = p => onBatch(label, p) };
            var plan = BitwidthPlan.Uniform(budget is null ? Math.Min(bits, 8) : StudyRun.LearnedMaxBits, Math.Min(bits, 8));
            var result = MnistExperiment.Run(method, plan, runOptions, train, test, model: Model);
            var averageBits = result.Manifest is null ? StudyRun.FloatBits : BitBudget.AverageBits(result.Model);
            var run = new StudyRun(method, bits, result.DeployedAccuracy, result.Check?.Passed ?? true, averageBits, clock.Elapsed, budget, startingPoint);
            runs.Add(run);
            onRun(run);
            if (startingPoint)
            {
                options = options with { StartFrom = result.Model };
            }
        }

        if (FineTune)
        {
            // The baseline trains on from the same start for the same schedule, so that the quantized runs are not
            // compared with a float network that had half their training.
            Record(MnistExperiment.Float, StudyRun.FloatBits, startingPoint: true);
        }

        Record(MnistExperiment.Float, StudyRun.FloatBits);
        foreach (var method in Methods)
        {
            foreach (var bits in Bits)
            {
                Record(method, bits);
            }
        }

        foreach (var method in LearnedPrecisionMethods)
        {
            Record(method, StudyRun.BudgetActivationBits(Budget!.Value), Budget);
        }

        return runs;
    }
}
