using System;
using System.Collections.Generic;
using System.Linq;

namespace LowBit.Onnx.Import;

/// <summary>
/// The output of a MatMul/Gemm/Conv on integer levels, not yet emitted: the integer weights, the input
/// levels, and the per-channel float32 steps the graph applies before the next quantizer. The value the
/// graph computes for channel c is steps(float32(acc_true · s_in · s_w[c])), where
/// acc_true = α·acc + β·Σ w[c] is the dot product with the graph's integers and acc the manifest's.
/// </summary>
internal sealed class AccumulatorSymbol : ImportSymbol
{
    public AccumulatorSymbol(IPendingAccumulator layer, int[] shape, IReadOnlyList<ChannelStep> steps, IReadOnlyList<string> folded, long[]? integerBias = null, FusedRequantization? fused = null)
    {
        Layer = layer;
        Shape = shape;
        Steps = steps;
        Folded = folded;
        IntegerBias = integerBias;
        Fused = fused;
    }

    /// <summary>
    /// The int32 bias when the graph adds one through DequantizeLinear at scale s_x·s_w and nothing else yet
    /// (it is also in <see cref="Steps"/> as the float bias the unfused graph adds).
    /// </summary>
    public long[]? IntegerBias { get; }

    /// <summary>Set when the next QuantizeLinear is fused with this layer, as ONNX Runtime does.</summary>
    public FusedRequantization? Fused { get; }

    public AccumulatorSymbol WithFused(FusedRequantization fused) => new(Layer, Shape, Steps, Folded, IntegerBias, fused);

    public IPendingAccumulator Layer { get; }

    public override int[] Shape { get; }

    public IReadOnlyList<ChannelStep> Steps { get; }

    public IReadOnlyList<string> Folded { get; }

    public AccumulatorSymbol Then(ChannelStep step, string node, long[]? integerBias = null) =>
        new(Layer, Shape, Steps.Append(step).ToArray(), Folded.Append(node).ToArray(), integerBias);

    public AccumulatorSymbol Reshaped(int[] shape, string node) => new(Layer, shape, Steps, Folded.Append(node).ToArray(), IntegerBias, Fused);

    /// <summary>The graph's float32 value for manifest accumulator <paramref name="accumulator"/> of channel <paramref name="channel"/>.</summary>
    public float Value(long accumulator, int channel)
    {
        if (Fused is not null && Layer is PendingLayer dot)
        {
            return Fused.Value(dot.Exact(accumulator, channel), channel);
        }

        return ValueOf((float)Layer.Real(accumulator, channel), channel);
    }

    /// <summary>
    /// The smallest and largest float32 value the graph computes over every channel's accumulator range: the steps
    /// are monotone, so the ends of each range bound it (widened by the rounding of an average pool's sums).
    /// </summary>
    public (float Min, float Max) ValueRange()
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int c = 0; c < Layer.OutChannels; c++)
        {
            var (low, high) = Layer.Range(c);
            foreach (long a in new[] { low, high })
            {
                var (least, most) = Layer is PendingAveragePool { RoundsInFloat: true } pool ? pool.RealBounds(a, c) : ((float)Layer.Real(a, c), (float)Layer.Real(a, c));
                foreach (float value in new[] { ValueOf(least, c), ValueOf(most, c) })
                {
                    (min, max) = (Math.Min(min, value), Math.Max(max, value));
                }
            }
        }

        return (min, max);
    }

    /// <summary>The graph's float32 value when the layer's own result is <paramref name="real"/>: the steps applied to it.</summary>
    public float ValueOf(float real, int channel)
    {
        float value = real;
        foreach (var step in Steps)
        {
            value = step.Apply(value, channel);
        }

        return value;
    }
}
