using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Quantization.Quantizers;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Training;

/// <summary>
/// A model-size budget: the average weight bitwidth, weighted by each layer's number of weights, must not
/// exceed <see cref="AverageWeightBits"/>. During training the loss gets
/// <c>Strength · max(0, E[average bits] − budget)</c> (CPQ's L0 penalty on the bit gates, DDQ's memory
/// constraint), so layers whose finest bits help least give them up first. After training
/// <see cref="Enforce"/> guarantees the budget: while the model is over it, the learned layer whose top gate
/// is weakest loses one bit. Layers with a fixed bitwidth count at their bitwidth. Training starts every
/// learned layer at the budget's whole bits (<see cref="StartAtBudget"/>).
/// </summary>
public sealed record BitBudget(double AverageWeightBits, double Strength = 1.0)
{
    /// <summary>The deterministic average weight bitwidth of a model's quantized layers.</summary>
    public static double AverageBits(nn.Module model)
    {
        var layers = Quantizers(model);
        return layers.Sum(q => (double)q.WeightCount * q.Bits) / Math.Max(1, layers.Sum(q => q.WeightCount));
    }

    /// <summary>Each quantized layer's current weight bitwidth, by layer name.</summary>
    public static IReadOnlyList<(string Layer, int Bits)> PerLayer(nn.Module model) =>
        model.named_modules()
            .Where(m => m.module is WeightQuantizer)
            .Select(m => (m.name.EndsWith(".quantizer", StringComparison.Ordinal) ? m.name[..^".quantizer".Length] : m.name, ((WeightQuantizer)m.module).Bits))
            .ToList();

    /// <summary>Throws when even every learned layer at its lowest bitwidth would exceed the budget.</summary>
    public void Validate(nn.Module model)
    {
        var layers = Quantizers(model);
        if (layers.Count == 0)
        {
            throw new ArgumentException("a bit budget needs a model with quantized layers (QConv2d, QLinear)");
        }

        var lowest = layers.Sum(q => (double)q.WeightCount * (q is ILearnedPrecision learned ? learned.MinBits : q.Bits)) / layers.Sum(q => q.WeightCount);
        if (lowest > AverageWeightBits + 1e-9)
        {
            throw new ArgumentException($"bit budget {AverageWeightBits:0.###} average weight bits cannot be met: the lowest this model can reach is {lowest:0.###} (methods that learn their bitwidth: cpq, ddq; fixed layers count at their bitwidth)");
        }
    }

    /// <summary>
    /// Starts every learned layer at ⌊budget⌋ bits rather than at its maximum: a feasible uniform allocation that
    /// the gates then move away from where the loss pays for it. Started at 8 bits, the penalty needed the whole
    /// first epoch to bring the average down, and the projection before the last epoch chose the bits instead
    /// (MobileNetV2 with DDQ, 2 epochs, budget 4: large late layers cut to 2 bits, 81.8 % against 92.95 % at W4).
    /// </summary>
    public void StartAtBudget(nn.Module model)
    {
        var bits = (int)Math.Floor(AverageWeightBits + 1e-9);
        foreach (var learned in Quantizers(model).OfType<ILearnedPrecision>())
        {
            learned.StartAt(bits);
        }
    }

    public Tensor Penalty(nn.Module model)
    {
        var layers = Quantizers(model);
        var total = (double)layers.Sum(q => q.WeightCount);
        var average = zeros(1);
        foreach (var q in layers)
        {
            var bits = q is ILearnedPrecision learned ? learned.ExpectedBits() : full(1, (float)q.Bits);
            average = average + (bits * (q.WeightCount / total));
        }

        return (average - AverageWeightBits).clamp_min(0).sum() * Strength;
    }

    /// <summary>Lowers learned bitwidths until the budget holds; returns what it changed ("fc1: 4 → 3").</summary>
    public IReadOnlyList<string> Enforce(nn.Module model)
    {
        Validate(model);
        var changes = new List<string>();
        var names = model.named_modules().Where(m => m.module is WeightQuantizer).ToDictionary(m => m.module, m => m.name);
        while (AverageBits(model) > AverageWeightBits + 1e-9)
        {
            var weakest = Quantizers(model)
                .OfType<ILearnedPrecision>()
                .Where(q => q.Bits > q.MinBits)
                .OrderBy(q => q.TopGateLogit)
                .First();
            var before = weakest.Bits;
            weakest.LimitBits(before - 1);
            changes.Add($"{names[(nn.Module)weakest]}: {before} → {weakest.Bits} bits");
        }

        return changes;
    }

    private static List<WeightQuantizer> Quantizers(nn.Module model) =>
        model.modules().OfType<WeightQuantizer>().Where(q => q.WeightCount > 0).ToList();
}
