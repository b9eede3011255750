extern alias generator;

using System;
using InputThresholds = generator::LowBit.Generators.InputThresholds;

namespace LowBit.Generators.Tests.Planning;

/// <summary>
/// The input quantizer as float compares: every threshold is the exact first float of its level, and counting
/// reached thresholds equals round-half-even(clamp(x / scale)) — checked at every threshold, the float on either
/// side, ties, the specials (NaN, ±∞, ±0) and a million random floats around the input range.
/// </summary>
public sealed class InputThresholdsTests
{
    [Theory]
    [InlineData(0.33333334f, 0, 3)]
    [InlineData(0.25f, -8, 7)]
    [InlineData(0.06666667f, -8, 7)]
    [InlineData(0.1f, 0, 15)]
    [InlineData(1e-30f, -2, 1)]
    [InlineData(3.0f, 0, 1)]
    public void Counting_reached_thresholds_is_the_division_quantizer(float scale, int low, int high)
    {
        var thresholds = InputThresholds.TryCompute(scale, low, high)!;
        Assert.Equal(high - low, thresholds.Length);

        for (int k = low + 1; k <= high; k++)
        {
            float t = thresholds[k - low - 1];
            Assert.True(InputThresholds.Reaches(t, scale, k));
            Assert.False(InputThresholds.Reaches(MathF.BitDecrement(t), scale, k));
            AssertSame(t, scale, low, high, thresholds);
            AssertSame(MathF.BitDecrement(t), scale, low, high, thresholds);
            AssertSame(MathF.BitIncrement(t), scale, low, high, thresholds);
            AssertSame((k - 0.5f) * scale, scale, low, high, thresholds);
        }

        foreach (float special in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.MaxValue, float.MinValue, float.Epsilon, -float.Epsilon })
        {
            AssertSame(special, scale, low, high, thresholds);
        }

        var random = new Random(7);
        float span = (high - low + 2) * scale;
        for (int i = 0; i < 1_000_000; i++)
        {
            AssertSame((float)(((random.NextDouble() * 2) - 1) * span), scale, low, high, thresholds);
        }
    }

    [Theory]
    [InlineData(0.003921569f, 0, 255)]
    [InlineData(0f, 0, 3)]
    [InlineData(-0.5f, 0, 3)]
    [InlineData(float.NaN, 0, 3)]
    [InlineData(float.PositiveInfinity, 0, 3)]
    public void Fine_inputs_and_unusable_scales_keep_the_division(float scale, int low, int high) =>
        Assert.Null(InputThresholds.TryCompute(scale, low, high));

    private static void AssertSame(float x, float scale, int low, int high, float[] thresholds)
    {
        int counted = low;
        foreach (float t in thresholds)
        {
            counted += x >= t ? 1 : 0;
        }

        Assert.True(Divided(x, scale, low, high) == counted, $"x = {x:R}: the division gives {Divided(x, scale, low, high)}, the thresholds {counted}");
    }

    /// <summary>The contract's quantizer, as LowBitLayerKernels.QuantizeInput computes it.</summary>
    private static int Divided(float x, float scale, int low, int high)
    {
        float v = x / scale;
        if (!(v >= low))
        {
            v = low;
        }
        else if (v > high)
        {
            v = high;
        }

        return (int)MathF.Round(v, MidpointRounding.ToEven);
    }
}
