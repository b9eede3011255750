using System;
using System.Linq;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Training;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Quantizers;

/// <summary>CPQ's categorical grid, multi-class STE and DropBits (Lee et al., ICCV 2021).</summary>
public sealed class CpqTests
{
    [Fact]
    public void TheForwardIsTheModeTheNearestGridPoint()
    {
        TorchSession.Seed(6);
        var (quantizer, weight) = QuantizerCases.AttachedWeightQuantizer("cpq", 2, randn(8, 4, 3, 3) * 0.1);
        var activations = new CpqActivationQuantizer(3);
        using var x = (randn(4, 4, 6, 6) * 0.7) + 0.3;
        quantizer.train();
        activations.train();

        var trainWeights = TensorAssert.Values(quantizer.call(weight));
        var trainActivations = TensorAssert.Values(activations.call(x));
        quantizer.eval();
        activations.eval();

        TensorAssert.AllClose(TensorAssert.Values(quantizer.call(weight)), trainWeights, "are not the nearest grid point");
        TensorAssert.AllClose(TensorAssert.Values(activations.call(x)), trainActivations, "are not the nearest grid point");
    }

    [Fact]
    public void TheMultiClassSteGradientIsTheGradientOfTheExpectedGridValue()
    {
        // With a 2-bit grid the window holds every point, so ∂x̂/∂x must equal d/dx α Σ π_i c_i.
        var quantizer = new CpqActivationQuantizer(2);
        quantizer.train();
        using var first = full(1, 1f);
        quantizer.call(first).Dispose(); // initialises α = 2⟨|x|⟩/√3
        var step = quantizer.Step;
        var sigma = step / 3;
        using var x = (linspace(-0.5, 3.5, 81) * step).requires_grad_();

        quantizer.call(x).sum().backward();

        double Expected(double v)
        {
            double Cdf(double z) => 1 / (1 + Math.Exp(-z / sigma));
            var value = 0.0;
            for (var c = 0; c < 4; c++)
            {
                var upper = c == 3 ? 1 : Cdf(((c + 0.5) * step) - v);
                var lower = c == 0 ? 0 : Cdf(((c - 0.5) * step) - v);
                value += (upper - lower) * c * step;
            }

            return value;
        }

        var inputs = TensorAssert.Values(x);
        var gradients = TensorAssert.Values(x.grad!);
        for (var i = 0; i < inputs.Length; i++)
        {
            var h = 1e-4 * step;
            var numeric = (Expected(inputs[i] + h) - Expected(inputs[i] - h)) / (2 * h);
            Assert.Equal(numeric, gradients[i], 2);
        }
    }

    [Fact]
    public void DroppingABitLeavesTheCoarserTwosComplementGridOverTheSameRange()
    {
        TorchSession.Seed(7);
        var (quantizer, weight) = QuantizerCases.AttachedWeightQuantizer("cpq", 4, randn(8, 4, 3, 3) * 0.1);
        quantizer.train();
        quantizer.call(weight).Dispose();
        var cpq = (CpqWeightQuantizer)quantizer;
        var fineStep = cpq.Step;

        cpq.LimitBits(3);
        var (codes, scale) = cpq.Encode(weight);
        var values = TensorAssert.Values(quantizer.call(weight));

        Assert.Equal(3, cpq.Bits);
        TensorAssert.AllWholeNumbersIn(codes, -4, 3);
        Assert.Equal(2 * fineStep, scale.item<float>(), 5);
        // The training forward lands on even multiples of the fine step: the odd codes were dropped.
        Assert.All(values, v => Assert.Equal(0, Math.Round(v / fineStep) % 2));
    }

    [Fact]
    public void TheExpectedBitwidthIsTheL0NormOfTheAppliedMasks()
    {
        var quantizer = new CpqWeightQuantizer(4);

        // Two gates (levels 3 and 4 bits), logits start at 2: a level is kept when its hard-concrete sample
        // z ≥ ½, i.e. with probability σ(2); level 4 also needs level 3.
        var open = 1 / (1 + Math.Exp(-2.0));
        Assert.Equal(2 + open + (open * open), quantizer.ExpectedBits().item<float>(), 5);
        Assert.Equal(4, quantizer.Bits);
    }
}
