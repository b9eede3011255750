using System;

namespace LowBit.Manifest;

/// <summary>
/// Worst-case magnitude of each int32 accumulator, from the real bitwidths. The validator refuses a
/// model whose bound exceeds int32, so no kernel can overflow; kernels use the same bounds to decide
/// how long narrower (int16) accumulation stays exact.
/// </summary>
public static class AccumulatorBounds
{
    /// <summary>Largest |w| an encoding allows.</summary>
    public static int MaxWeightMagnitude(WeightEncoding encoding, int bits)
    {
        var (min, max) = PackedWeights.Range(encoding, bits);
        return Math.Max(Math.Abs(min), Math.Abs(max));
    }

    /// <summary>Largest |Σ w·a| over <paramref name="fanIn"/> products.</summary>
    public static long DotProduct(long fanIn, WeightEncoding encoding, int weightBits, LevelFormat input) =>
        fanIn * MaxWeightMagnitude(encoding, weightBits) * input.MaxMagnitude;

    /// <summary>Largest |m₀·a + m₁·b| of a residual add.</summary>
    public static long Add(int firstMultiplier, LevelFormat first, int secondMultiplier, LevelFormat second) =>
        Math.Abs((long)firstMultiplier) * first.MaxMagnitude + Math.Abs((long)secondMultiplier) * second.MaxMagnitude;

    /// <summary>Largest |window sum| of an average pool.</summary>
    public static long PoolSum(long windowArea, LevelFormat input) => windowArea * input.MaxMagnitude;
}
