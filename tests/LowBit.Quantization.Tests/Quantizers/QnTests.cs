using System;
using System.Linq;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Training;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Quantizers;

/// <summary>The properties Yang et al. state for Quantization Networks (CVPR 2019).</summary>
public sealed class QnTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public void AtHighTemperatureTheTrainingForwardIsTheStepFunction(int bits)
    {
        TorchSession.Seed(bits);
        var (weights, weight) = QuantizerCases.AttachedWeightQuantizer("qn", bits, randn(16, 8, 3, 3) * 0.1);
        var activations = new QnActivationQuantizer(bits);
        using var x = (randn(8, 4, 6, 6) * 0.7) + 0.3;
        weights.train();
        activations.train();
        weights.call(weight).Dispose();
        activations.call(x).Dispose();

        ((QnWeightQuantizer)weights).Temperature = 1e6;
        activations.Temperature = 1e6;
        var trainWeights = TensorAssert.Values(weights.call(weight));
        var trainActivations = TensorAssert.Values(activations.call(x));
        weights.eval();
        activations.eval();

        TensorAssert.AllClose(TensorAssert.Values(weights.call(weight)), trainWeights, "differ from the step function");
        TensorAssert.AllClose(TensorAssert.Values(activations.call(x)), trainActivations, "differ from the step function");
    }

    [Fact]
    public void TheInputGradientIsEquation8()
    {
        TorchSession.Seed(4);
        var quantizer = new QnActivationQuantizer(2) { Temperature = 3 };
        quantizer.train();
        using var x = (rand(500, ScalarType.Float64) * 2 - 0.5).to_type(ScalarType.Float32).requires_grad_();
        quantizer.call(x).sum().backward();

        // ∂y/∂x = α β T Σ_i s_i σ_i (1 − σ_i), σ_i = σ(T(βx − b_i)), b_i = ½, 1½, 2½, s_i = 1.
        var beta = (double)quantizer.named_parameters().Single(p => p.name.EndsWith("beta")).parameter.item<float>();
        var alpha = (double)quantizer.named_parameters().Single(p => p.name.EndsWith("alpha")).parameter.item<float>();
        var inputs = TensorAssert.Values(x);
        var gradients = TensorAssert.Values(x.grad!);
        for (var i = 0; i < inputs.Length; i++)
        {
            var expected = alpha * beta * 3 * new[] { 0.5, 1.5, 2.5 }.Sum(b =>
            {
                var s = 1 / (1 + Math.Exp(-3 * ((beta * inputs[i]) - b)));
                return s * (1 - s);
            });
            Assert.Equal(expected, gradients[i], 4);
        }
    }

    [Fact]
    public void ScalesStartAtFiveQuartersOfTheTargetOverTheDataMaximum()
    {
        var quantizer = new QnActivationQuantizer(2);
        quantizer.train();
        using var x = tensor(new[] { 0f, 0.5f, 2f, -1f });
        quantizer.call(x).Dispose();

        // p = max Y = 3, q = max |x| = 2: β = 1.25·3/2, α = 1/β (§3.3).
        var grid = quantizer.Grid();
        Assert.Equal(1 / 1.875, grid.Step, 6);
        Assert.Equal(new[] { 0.5 / 1.875, 1.5 / 1.875, 2.5 / 1.875 }.Select(b => Math.Round(b, 5)), grid.Boundaries.Select(b => Math.Round(b, 5)));
    }

    [Fact]
    public void TheTemperatureRisesLinearlyWithTheEpoch()
    {
        var quantizer = new QnWeightQuantizer(2, temperaturePerEpoch: 5);
        quantizer.BeginEpoch(1, 10);
        Assert.Equal(5, quantizer.Temperature);
        quantizer.BeginEpoch(4, 10);
        Assert.Equal(20, quantizer.Temperature);
    }

    [Fact]
    public void TheWindowedSigmoidSumEqualsTheFullSumAtTrainingTemperatures()
    {
        using var thresholds = QnFunction.Midpoints(0, 31);
        using var z = linspace(-3, 35, 5001);
        foreach (var temperature in new[] { 5.0, 10.0, 50.0 })
        {
            var windowed = TensorAssert.Values(QnFunction.SoftCount(z, thresholds, temperature));
            var full = TensorAssert.Values(sigmoid((z.unsqueeze(-1) - thresholds) * temperature).sum(-1));
            Assert.True(windowed.Zip(full).Max(p => Math.Abs(p.First - p.Second)) < 1e-4, $"T = {temperature}");
        }
    }
}
