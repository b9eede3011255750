using System;
using System.Linq;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Training;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Quantizers;

/// <summary>The properties Gong et al. state for DSQ, checked on <see cref="DsqFunction"/> and the quantizers.</summary>
public sealed class DsqTests
{
    [Theory]
    [MemberData(nameof(QuantizerCases.Bits), MemberType = typeof(QuantizerCases))]
    public void AsAlphaGoesToZeroTheSoftFunctionBecomesTheHardQuantizer(int bits)
    {
        var levels = 1 << bits;
        using var lower = tensor(-0.7, ScalarType.Float64);
        using var upper = tensor(1.3, ScalarType.Float64);
        var step = 2.0 / (levels - 1);
        using var x = linspace(-1.5, 2.0, 20001, ScalarType.Float64);
        var hard = Levels(DsqFunction.HardLevel(x, lower, upper, tensor(0.2, ScalarType.Float64), levels)).Select(l => -0.7 + (l * step)).ToArray();
        var inputs = TensorAssert.Values(x);

        var errors = new[] { 0.2, 1e-2, 1e-4, 1e-8 }.Select(alpha =>
        {
            var soft = Doubles(DsqFunction.Soft(x, lower, upper, tensor(alpha, ScalarType.Float64), levels));
            // Away from interval centres (where tanh is still steep at any finite k).
            return Enumerable.Range(0, inputs.Length).Where(i => DistanceToCentre(inputs[i], -0.7, step) > step / 4).Max(i => Math.Abs(soft[i] - hard[i]));
        }).ToArray();

        Assert.True(errors.Zip(errors.Skip(1)).All(pair => pair.Second < pair.First), "the gap must shrink as α → 0: " + string.Join(", ", errors));
        Assert.True(errors[^1] < 1e-3 * step, $"at α = 1e-8 the soft function is {errors[^1]} from the hard quantizer (step {step})");
    }

    [Theory]
    [MemberData(nameof(QuantizerCases.Bits), MemberType = typeof(QuantizerCases))]
    public void TheSoftFunctionPassesThroughEveryGridPointAndIsContinuous(int bits)
    {
        var levels = 1 << bits;
        using var lower = tensor(0.0, ScalarType.Float64);
        using var upper = tensor(3.0, ScalarType.Float64);
        using var alpha = tensor(0.3, ScalarType.Float64);
        var step = 3.0 / (levels - 1);
        using var grid = arange(levels, ScalarType.Float64) * step;

        var atGrid = Doubles(DsqFunction.Soft(grid, lower, upper, alpha, levels));
        var centres = Doubles(DsqFunction.Soft(arange(levels - 1, ScalarType.Float64) * step + (step / 2), lower, upper, alpha, levels));

        for (var i = 0; i < levels; i++)
        {
            Assert.Equal(i * step, atGrid[i], 9);
        }

        for (var i = 0; i < levels - 1; i++)
        {
            Assert.Equal((i + 0.5) * step, centres[i], 9);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void AutogradMatchesFiniteDifferencesForInputBoundsAndAlpha(int bits)
    {
        var levels = 1 << bits;
        TorchSession.Seed(bits);
        var step = 2.0 / (levels - 1);
        // Inputs strictly inside intervals, away from the edges where the interval index changes.
        var raw = Doubles(rand(64, ScalarType.Float64));
        var points = raw.Select(r => -0.5 + ((Math.Floor(r * (levels - 1)) + 0.1 + (0.8 * ((r * 7) % 1))) * step)).ToArray();
        using var x = tensor(points, ScalarType.Float64).requires_grad_();
        using var lower = tensor(-0.5, ScalarType.Float64).requires_grad_();
        using var upper = tensor(1.5, ScalarType.Float64).requires_grad_();
        using var alpha = tensor(0.25, ScalarType.Float64).requires_grad_();
        using var weights = randn(64, ScalarType.Float64);

        using var loss = (DsqFunction.Soft(x, lower, upper, alpha, levels) * weights).sum();
        loss.backward();

        double Loss(double[] xs, double l, double u, double a)
        {
            using var _ = no_grad();
            return (DsqFunction.Soft(tensor(xs, ScalarType.Float64), tensor(l, ScalarType.Float64), tensor(u, ScalarType.Float64), tensor(a, ScalarType.Float64), levels) * weights).sum().item<double>();
        }

        const double h = 1e-6;
        Assert.Equal((Loss(points, -0.5, 1.5 + h, 0.25) - Loss(points, -0.5, 1.5 - h, 0.25)) / (2 * h), upper.grad!.item<double>(), 4);
        Assert.Equal((Loss(points, -0.5 + h, 1.5, 0.25) - Loss(points, -0.5 - h, 1.5, 0.25)) / (2 * h), lower.grad!.item<double>(), 4);
        Assert.Equal((Loss(points, -0.5, 1.5, 0.25 + h) - Loss(points, -0.5, 1.5, 0.25 - h)) / (2 * h), alpha.grad!.item<double>(), 4);
        var inputGradient = Doubles(x.grad!);
        foreach (var i in new[] { 0, 17, 63 })
        {
            var plus = (double[])points.Clone();
            var minus = (double[])points.Clone();
            plus[i] += h;
            minus[i] -= h;
            Assert.Equal((Loss(plus, -0.5, 1.5, 0.25) - Loss(minus, -0.5, 1.5, 0.25)) / (2 * h), inputGradient[i], 4);
        }
    }

    [Fact]
    public void TrainingForwardIsTheHardQuantizerWhileTheGradientIsTheSoftOnes()
    {
        var quantizer = new DsqActivationQuantizer(2);
        quantizer.train();
        using var x = (linspace(-0.5, 3, 101) + 0.0).requires_grad_();
        using var trained = quantizer.call(x);
        quantizer.eval();
        using var evaluated = quantizer.call(x);

        Assert.Equal(TensorAssert.Values(evaluated), TensorAssert.Values(trained));
        using var soft = quantizer.SoftQuantize(x);
        soft.sum().backward();
        var softGradient = TensorAssert.Values(x.grad!);
        x.grad!.zero_();
        quantizer.train();
        quantizer.call(x).sum().backward();
        Assert.Equal(softGradient, TensorAssert.Values(x.grad!));
    }

    [Fact]
    public void AlphaIsLearnableStartsAtThePapersValueAndStaysInItsRange()
    {
        var quantizer = new DsqWeightQuantizer(2);
        Assert.Equal(0.2, quantizer.Alpha, 6);
        quantizer.Parameters.SetAlpha(3.0);
        Assert.Equal(DsqParameters.MaxAlpha, quantizer.Alpha, 6);
        quantizer.Parameters.SetAlpha(-1.0);
        Assert.Equal(DsqParameters.MinAlpha, quantizer.Alpha, 6);
        Assert.Contains(quantizer.named_parameters(), p => p.name.EndsWith("alpha", StringComparison.Ordinal));
    }

    private static double DistanceToCentre(double x, double lower, double step)
    {
        var position = (x - lower) / step;
        return Math.Abs(position - Math.Floor(position) - 0.5) * step;
    }

    private static double[] Doubles(Tensor t) => t.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

    private static int[] Levels(Tensor t) => Doubles(t).Select(v => (int)Math.Round(v)).ToArray();
}
