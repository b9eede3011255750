using System;
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

    public static void SomeNonZero(Tensor? gradient, string what)
    {
        Assert.True(gradient is not null, $"{what} received no gradient");
        Assert.True(gradient!.abs().sum().item<float>() > 0, $"{what}'s gradient is all zero");
    }
}
