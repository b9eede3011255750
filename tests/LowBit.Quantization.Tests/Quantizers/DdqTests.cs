using System;
using System.Linq;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Training;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Quantizers;

/// <summary>DDQ's gated precision (Zhang et al., ICML 2021): closing a bit's gate merges neighbouring levels,
/// keeping the range and doubling the step.</summary>
public sealed class DdqTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    [InlineData(3)]
    [InlineData(2)]
    public void EachClosedGateDoublesTheStepOverTheSameRange(int bits)
    {
        TorchSession.Seed(8);
        var (quantizer, weight) = QuantizerCases.AttachedWeightQuantizer("ddq", 5, randn(8, 4, 3, 3) * 0.1);
        quantizer.train();
        quantizer.call(weight).Dispose();
        var (_, fineScale) = quantizer.Encode(weight);
        var ddq = (DdqWeightQuantizer)quantizer;

        ddq.LimitBits(bits);
        var (codes, scale) = quantizer.Encode(weight);
        var trainValues = TensorAssert.Values(quantizer.call(weight));

        var half = 1 << (bits - 1);
        TensorAssert.AllWholeNumbersIn(codes, -half, half - 1);
        Assert.Equal(fineScale.item<float>() * (1 << (5 - bits)), scale.item<float>(), 5);
        // With hard gates the training forward is exactly the selected precision.
        var evalValues = TensorAssert.Values(codes * scale);
        Assert.True(evalValues.Zip(trainValues).All(p => Math.Abs(p.First - p.Second) < 1e-6), "training forward differs from the selected grid");
    }

    [Fact]
    public void AClosedGateWhoseRefinementWouldReduceTheErrorIsPushedOpen()
    {
        TorchSession.Seed(9);
        var (quantizer, weight) = QuantizerCases.AttachedWeightQuantizer("ddq", 4, randn(8, 4, 3, 3) * 0.1);
        quantizer.train();
        var gateLogits = quantizer.named_parameters().Single(p => p.name.EndsWith("logits")).parameter;
        using (no_grad())
        {
            gateLogits.fill_(-0.01f);
        }

        Assert.Equal(2, quantizer.Bits);

        (quantizer.call(weight) - weight.detach()).pow(2).sum().backward();

        // The first gate's refinement (2 → 3 bits) would cut the error; the second acts only through the
        // first (cumulative gates), so its gradient is zero while the first is closed.
        var gradient = TensorAssert.Values(gateLogits.grad!);
        Assert.True(gradient[0] < 0, $"the finer bits reduce the error, so ∂L/∂logit must be < 0: {gradient[0]}");
    }

    [Theory]
    [InlineData(8, 8)]
    [InlineData(8, 4)]
    [InlineData(4, 4)]
    [InlineData(2, 2)]
    public void TheStepStartsByLsqsRuleForTheBitwidthTheLayerStartsAt(int maxBits, int startBits)
    {
        TorchSession.Seed(10);
        var (quantizer, weight) = QuantizerCases.AttachedWeightQuantizer("ddq", maxBits, randn(16, 8, 3, 3) * 0.1);
        var ddq = (DdqWeightQuantizer)quantizer;
        ddq.StartAt(startBits);
        quantizer.train();
        quantizer.call(weight).Dispose();

        var (_, scale) = quantizer.Encode(weight);

        var positiveLevels = (1 << (startBits - 1)) - 1;
        var lsqStart = 2 * weight.abs().mean().item<float>() / Math.Sqrt(positiveLevels);
        Assert.Equal(startBits, quantizer.Bits);
        Assert.Equal(lsqStart, scale.item<float>(), 4);
    }

    [Fact]
    public void AdamChangesTheStepByTheSameFractionWhateverTheWeightsScale()
    {
        // Stored as an absolute value, an 8-bit step of ~0.002 moved by about its own size per Adam update.
        var small = StepAfterAdamUpdates(0.001f);
        var large = StepAfterAdamUpdates(1f);

        Assert.Equal(1.0, small / 0.001 / large, 3);
        Assert.NotEqual(1.0, large / StepAfterAdamUpdates(1f, updates: 0), 3);
    }

    private static double StepAfterAdamUpdates(float weightScale, int updates = 20)
    {
        TorchSession.Seed(11);
        var (quantizer, weight) = QuantizerCases.AttachedWeightQuantizer("ddq", 8, randn(16, 8, 3, 3) * weightScale);
        quantizer.train();
        var step = quantizer.named_parameters().Where(p => !p.name.EndsWith("logits")).Select(p => p.parameter).ToList();
        using var adam = TorchSharp.torch.optim.Adam(step, 2e-3);
        quantizer.call(weight).Dispose();
        for (var i = 0; i < updates; i++)
        {
            adam.zero_grad();
            (quantizer.call(weight) - weight.detach()).pow(2).sum().backward();
            adam.step();
        }

        return quantizer.Encode(weight).Scale.item<float>();
    }
}
