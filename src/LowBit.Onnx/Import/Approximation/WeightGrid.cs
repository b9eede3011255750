using System;
using System.Linq;
using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>8-bit signed narrow weights (−127 … 127), one symmetric scale max|w| / 127 per output channel (or the power of two above it).</summary>
internal static class WeightGrid
{
    public const int Bits = 8;

    /// <summary>The scale of each slice of <paramref name="weights"/> along <paramref name="axis"/>.</summary>
    public static float[] Scales(OnnxTensor weights, int axis, bool powerOfTwo)
    {
        int channels = weights.Shape[axis];
        int inner = weights.Shape.Skip(axis + 1).Aggregate(1, (p, d) => p * d);
        var top = new double[channels];
        for (int i = 0; i < weights.Length; i++)
        {
            int channel = i / inner % channels;
            top[channel] = Math.Max(top[channel], Math.Abs(weights.Values[i]));
        }

        // An all-zero channel quantizes to zeros under any scale; 1 avoids dividing by zero.
        return top.Select(t => t > 0 ? (float)(t / 127) : 1f).Select(s => powerOfTwo ? PowerOfTwoScale.AtLeast(s) : s).ToArray();
    }

    /// <summary>The shape of the scale tensor: the weights' rank, 1 everywhere but the channel axis, so Quant broadcasts it.</summary>
    public static long[] ScaleShape(OnnxTensor weights, int axis) =>
        weights.Shape.Select((d, i) => i == axis ? (long)d : 1L).ToArray();
}
