using System;
using System.Linq;

namespace LowBit.Onnx.Tests.Import;

/// <summary>The constant weight operand of an integer operator: int8 or uint8 values, per-tensor or per-channel scale and zero point.</summary>
internal sealed record OperandWeights(int[] Values, int[] Dims, bool Signed, float[] Scale, int[] Zero)
{
    /// <summary>Random values within <paramref name="spread"/> of the zero point (per channel along <paramref name="channels"/> when scales are given per channel).</summary>
    public static OperandWeights Random(int seed, int[] dims, bool signed, float[] scale, int zero, int spread)
    {
        var random = new Random(seed);
        int count = dims.Aggregate(1, (p, d) => p * d);
        var values = Enumerable.Range(0, count).Select(_ => zero + random.Next(-spread, spread + 1)).ToArray();
        return new OperandWeights(values, dims, signed, scale, new[] { zero });
    }

    /// <summary>A [K, N] uint8 matrix whose columns have zero points of their own, the values within <paramref name="spread"/> of them.</summary>
    public static OperandWeights RandomColumns(int seed, int rows, int[] zeros, int spread)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, rows * zeros.Length).Select(i => zeros[i % zeros.Length] + random.Next(-spread, spread + 1)).ToArray();
        return new OperandWeights(values, new[] { rows, zeros.Length }, Signed: false, new[] { 1f }, zeros);
    }
}
