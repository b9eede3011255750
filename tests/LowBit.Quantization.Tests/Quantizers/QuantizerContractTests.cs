using System.Linq;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Training;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Quantizers;

/// <summary>What every quantizer must do, at every bitwidth: land on its grid in eval mode exactly as
/// the exporter will encode it, and pass gradients to its input and to every learnable parameter.</summary>
public sealed class QuantizerContractTests
{
    [Theory]
    [MemberData(nameof(QuantizerCases.MethodsAndBits), MemberType = typeof(QuantizerCases))]
    public void EvalWeightsAreScaleTimesGridCodes(string methodName, int bits)
    {
        TorchSession.Seed(bits);
        var (quantizer, weight) = QuantizerCases.AttachedWeightQuantizer(methodName, bits, randn(16, 8, 3, 3) * 0.1);
        quantizer.train();
        quantizer.call(weight).Dispose();
        quantizer.eval();

        using var output = quantizer.call(weight);
        var (codes, scale) = quantizer.Encode(weight);

        var grid = quantizer.Grid;
        TensorAssert.AllWholeNumbersIn(codes, grid.MinCode, grid.MaxCode);
        if (bits == 1)
        {
            Assert.DoesNotContain(0f, TensorAssert.Values(codes));
        }

        Assert.Equal(TensorAssert.Values(codes * scale), TensorAssert.Values(output));
        Assert.True(TensorAssert.Values(codes).Distinct().Count() >= 2, "the weights collapsed onto one code");
    }

    [Theory]
    [MemberData(nameof(QuantizerCases.MethodsAndBits), MemberType = typeof(QuantizerCases))]
    public void EvalActivationsAreLevelsTimesStepAndFollowTheGridBoundaries(string methodName, int bits)
    {
        TorchSession.Seed(bits);
        var quantizer = QuantizationMethod.Parse(methodName).CreateActivationQuantizer(bits);
        using var x = (randn(32, 4, 6, 6) * 0.7) + 0.3;
        quantizer.train();
        quantizer.call(x).Dispose();
        quantizer.eval();

        using var output = quantizer.call(x);
        var grid = quantizer.Grid();

        using var levels = output / grid.Step;
        TensorAssert.AllWholeNumbersIn(levels, 0, grid.MaxLevel, tolerance: 1e-3);
        var inputs = TensorAssert.Values(x);
        var observed = TensorAssert.Values(levels).Select(v => (int)System.Math.Round(v)).ToArray();
        for (var i = 0; i < inputs.Length; i++)
        {
            var nearBoundary = grid.Boundaries.Any(b => System.Math.Abs(inputs[i] - b) < 1e-5 * (1 + System.Math.Abs(b)));
            if (!nearBoundary)
            {
                Assert.Equal(grid.Boundaries.Count(b => inputs[i] >= b), observed[i]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(QuantizerCases.MethodsAndBits), MemberType = typeof(QuantizerCases))]
    public void WeightGradientsReachTheWeightsAndEveryLearnableParameter(string methodName, int bits)
    {
        TorchSession.Seed(bits);
        var (quantizer, weight) = QuantizerCases.AttachedWeightQuantizer(methodName, bits, randn(16, 8, 3, 3) * 0.1);
        quantizer.train();

        // Methods that learn their bitwidth are trained with the budget's penalty on the expected bits.
        using var penalty = quantizer is ILearnedPrecision learned ? learned.ExpectedBits().sum() : zeros(1).sum();
        using var loss = (quantizer.call(weight) * randn(16, 8, 3, 3)).sum() + penalty;
        loss.backward();

        TensorAssert.SomeNonZero(weight.grad, "the weights");
        foreach (var (name, parameter) in quantizer.named_parameters())
        {
            TensorAssert.SomeNonZero(parameter.grad, name);
        }
    }

    [Theory]
    [MemberData(nameof(QuantizerCases.MethodsAndBits), MemberType = typeof(QuantizerCases))]
    public void ActivationGradientsReachTheInputAndEveryLearnableParameter(string methodName, int bits)
    {
        TorchSession.Seed(bits);
        var quantizer = QuantizationMethod.Parse(methodName).CreateActivationQuantizer(bits);
        quantizer.train();
        using var x = ((randn(32, 4, 6, 6) * 0.7) + 0.3).requires_grad_();

        using var loss = (quantizer.call(x) * randn(32, 4, 6, 6)).sum();
        loss.backward();

        TensorAssert.SomeNonZero(x.grad, "the input");
        foreach (var (name, parameter) in quantizer.named_parameters())
        {
            TensorAssert.SomeNonZero(parameter.grad, name);
        }
    }
}
