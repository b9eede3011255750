using System;
using System.Linq;
using LowBit.Quantization.Quantizers;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Quantizers;

/// <summary>LSQ's defining formulas (Esser et al., ICLR 2020): the step gradient of eq. 3 with the
/// 1/√(N·Q_P) gradient scale, the initial step, and the straight-through input gradient.</summary>
public sealed class LsqTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    public void StepGradientIsEquationThreeTimesTheGradientScale(int bits)
    {
        var quantizer = new LsqWeightQuantizer(bits);
        quantizer.train();
        var qn = 1 << (bits - 1);
        var qp = qn - 1;
        var values = Enumerable.Range(0, 400).Select(i => (float)Math.Sin(i * 0.37) * 0.4f).ToArray();
        using var v = tensor(values).reshape(20, 20);

        using var output = quantizer.call(v);
        output.sum().backward();

        var s = quantizer.Step;
        Assert.Equal(2 * values.Average(Math.Abs) / Math.Sqrt(qp), s, 5);
        var expected = values.Sum(x =>
        {
            var ratio = x / s;
            return ratio <= -qn ? -qn : ratio >= qp ? qp : -ratio + Math.Round(ratio, MidpointRounding.ToEven);
        }) / Math.Sqrt(values.Length * qp);
        var stepGradient = quantizer.named_parameters().Single().parameter.grad!.item<float>();
        Assert.Equal(expected, stepGradient, 3);
    }

    [Fact]
    public void InputGradientPassesInsideTheRangeAndStopsOutside()
    {
        var quantizer = new LsqActivationQuantizer(2);
        quantizer.train();
        using var warmup = tensor(new float[] { 0.5f, 1.5f, 1.0f, 1.0f }).reshape(1, 4);
        quantizer.call(warmup).Dispose();
        var s = (float)quantizer.Grid().Step;
        using var x = tensor(new[] { -s, 0.5f * s, 2.2f * s, 3.4f * s, 10 * s }).reshape(1, 5).requires_grad_();

        quantizer.call(x).sum().backward();

        Assert.Equal(new float[] { 0, 1, 1, 0, 0 }, TensorAssert.Values(x.grad!));
    }
}
