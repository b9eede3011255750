using System;
using System.Linq;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Training;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Quantizers;

/// <summary>STTN's ternary weights from two binary branches and STQN's n-bit and learned-threshold
/// generalisation (Xu et al., IJCAI 2020; TCSVT 2022).</summary>
public sealed class SoftThresholdTests
{
    [Fact]
    public void ATernaryWeightIsZeroExactlyWhereTheTwoBranchesDisagree()
    {
        TorchSession.Seed(5);
        var (quantizer, weight) = QuantizerCases.AttachedWeightQuantizer("sttn", 2, randn(4, 3, 3, 3) * 0.1);
        var second = quantizer.named_parameters().Single(p => p.name == "branches").parameter[0];

        var (codes, scale) = quantizer.Encode(weight);

        var w1 = TensorAssert.Values(weight);
        var w2 = TensorAssert.Values(second);
        var c = TensorAssert.Values(codes);
        for (var i = 0; i < c.Length; i++)
        {
            Assert.Equal(w1[i] >= 0 == w2[i] >= 0 ? (w1[i] >= 0 ? 1 : -1) : 0, c[i]);
        }

        Assert.Contains(0f, c);
        // α per output channel = (‖W₁‖₁ + ‖W₂‖₁) / (2n); the ternary scale is 2α.
        var scales = TensorAssert.Values(scale);
        for (var channel = 0; channel < 4; channel++)
        {
            var l1 = Enumerable.Range(channel * 27, 27).Sum(i => Math.Abs(w1[i]) + Math.Abs(w2[i]));
            Assert.Equal(2 * l1 / 54, scales[channel], 5);
        }
    }

    [Theory]
    [InlineData(3, 6)]
    [InlineData(4, 14)]
    public void AnNBitWeightSumsTwoToTheBMinusTwoBranchesOntoTheSymmetricGrid(int bits, int branches)
    {
        TorchSession.Seed(bits);
        var (quantizer, weight) = QuantizerCases.AttachedWeightQuantizer("stqn", bits, randn(8, 4, 3, 3) * 0.1);

        Assert.Equal(branches, ((SoftThresholdWeightQuantizer)quantizer).BranchCount);
        var (codes, _) = quantizer.Encode(weight);
        var max = (1 << (bits - 1)) - 1;
        TensorAssert.AllWholeNumbersIn(codes, -max, max);
    }

    [Fact]
    public void LearnedActivationThresholdsAreTheGridBoundariesAndDecideTheLevels()
    {
        var quantizer = new SoftThresholdActivationQuantizer(2);
        var thresholds = new[] { 0.1, 0.7, 0.9 };
        quantizer.SetThresholds(thresholds, 0.5);
        quantizer.eval();
        using var x = tensor(new[] { -1f, 0.05f, 0.11f, 0.5f, 0.69f, 0.71f, 0.95f, 3f });

        var levels = TensorAssert.Values(quantizer.call(x) / 0.5f);

        Assert.Equal(new float[] { 0, 0, 1, 1, 1, 2, 3, 3 }, levels);
        Assert.Equal(thresholds, quantizer.Grid().Boundaries.Select(b => Math.Round(b, 5)).ToArray());
        Assert.Equal(0.5, quantizer.Grid().Step, 6);
    }

    [Fact]
    public void AThresholdLearnsFromTheValuesAroundIt()
    {
        var quantizer = new SoftThresholdActivationQuantizer(2);
        quantizer.SetThresholds(new[] { 0.5, 1.5, 2.5 }, 1);
        quantizer.train();
        // Values just below the middle threshold whose loss wants them one level up: lowering that
        // threshold is the way, so its gradient must be positive (descent moves it down).
        using var x = full(10, 1.3f).requires_grad_();

        (-quantizer.call(x).sum()).backward();

        var gaps = quantizer.named_parameters().Single(p => p.name == "gaps").parameter.grad!;
        var gradient = TensorAssert.Values(gaps);
        Assert.True(gradient[0] + gradient[1] > 0, $"t₂ = g₁ + g₂ should move down: ∂L/∂g = [{string.Join(", ", gradient)}]");
        Assert.Equal(0, gradient[2]);
    }
}
