using System;
using LowBit.Manifest;

namespace LowBit.Onnx;

/// <summary>A dot layer's unpacked integer weights, in manifest order ([out, …]).</summary>
internal static class WeightValues
{
    public static sbyte[] Of(Layer layer) => layer switch
    {
        Conv2dLayer conv => conv.Weights.Unpack(checked((int)conv.WeightCount)),
        LinearLayer linear => linear.Weights.Unpack(checked((int)linear.WeightCount)),
        _ => throw new ArgumentException($"Layer '{layer.Id}' ({layer.Op}) has no weights.", nameof(layer)),
    };

    /// <summary>Σ_i w[c, i] per output channel: what a constant input level contributes to each accumulator.</summary>
    public static long[] RowSums(sbyte[] weights, int outChannels) => RowSums(weights, outChannels, w => w);

    /// <summary>Σ_i |w[c, i]| per output channel, for accumulator bounds.</summary>
    public static long[] RowAbsoluteSums(sbyte[] weights, int outChannels) => RowSums(weights, outChannels, w => Math.Abs(w));

    private static long[] RowSums(sbyte[] weights, int outChannels, Func<int, int> term)
    {
        int fanIn = weights.Length / outChannels;
        var sums = new long[outChannels];
        for (int c = 0; c < outChannels; c++)
        {
            for (int i = 0; i < fanIn; i++)
            {
                sums[c] += term(weights[(c * fanIn) + i]);
            }
        }

        return sums;
    }

    /// <summary>[out, in] → [in, out], as float, for MatMul.</summary>
    public static float[] Transposed(sbyte[] weights, int outFeatures, int inFeatures)
    {
        var result = new float[weights.Length];
        for (int o = 0; o < outFeatures; o++)
        {
            for (int i = 0; i < inFeatures; i++)
            {
                result[(i * outFeatures) + o] = weights[(o * inFeatures) + i];
            }
        }

        return result;
    }
}
