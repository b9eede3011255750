using System;
using System.Linq;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Quantizers;

internal static class TensorAssert
{
    public static float[] Values(Tensor t) => t.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();

    public static void AllWholeNumbersIn(Tensor t, double min, double max, double tolerance = 0)
    {
        foreach (var v in Values(t))
        {
            Assert.True(Math.Abs(v - Math.Round(v)) <= tolerance, $"{v} is not a whole number");
            Assert.InRange(Math.Round(v), min, max);
        }
    }

    /// <summary>Equal within 1e-5 relative (float rounding of two equal computations); names how many differ.</summary>
    public static void AllClose(float[] expected, float[] actual, string failure)
    {
        Assert.Equal(expected.Length, actual.Length);
        var mismatches = expected.Zip(actual).Count(p => Math.Abs(p.First - p.Second) > 1e-5 * (1 + Math.Abs(p.First)));
        Assert.True(mismatches == 0, $"{mismatches} of {expected.Length} values {failure}");
    }

    public static void SomeNonZero(Tensor? gradient, string what)
    {
        Assert.True(gradient is not null, $"{what} received no gradient");
        Assert.True(gradient!.abs().sum().item<float>() > 0, $"{what}'s gradient is all zero");
    }
}
