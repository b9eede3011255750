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
}
