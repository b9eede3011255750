using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Tests.Import;

/// <summary>QONNX Trunc in the float evaluator, on values worked out by hand from qonnx's trunc.py.</summary>
public sealed class TruncEvaluationTests
{
    // scale 0.5, out_scale 2: the input integer x / 0.5 (rounded half to even) is divided by t = 4, clamped to
    // the signed 3-bit grid −4 … 3, rounded, and scaled by 2. x = 1.25 → 2.5 → 2 (half to even) → 0.5; x = 1.75 → 3.5 → 4 → 1.
    [Theory]
    [InlineData("FLOOR", new double[] { 2, -4, 6, -8, 0, 2 })]
    [InlineData("ROUND", new double[] { 4, -4, 6, -8, 0, 2 })]
    [InlineData("CEIL", new double[] { 4, -2, 6, -8, 2, 2 })]
    public void TruncDividesTheInputIntegerClampsAndRounds(string rounding, double[] expected)
    {
        var graph = new QonnxGraphBuilder(6)
            .Trunc(scale: 0.5, outScale: 2, inBits: 8, outBits: 3, signed: true, rounding)
            .Build(6);

        var output = new FloatEvaluator(graph).Evaluate(new OnnxTensor(new[] { 1, 6 }, new double[] { 3, -3, 100, -100, 1.25, 1.75 }));

        Assert.Equal(expected, output.Values);
    }

    [Fact]
    public void SevenInputTruncReadsItsOutputZeroPointAndIgnoresItAsQonnxDoes()
    {
        var graph = new QonnxGraphBuilder(6)
            .Trunc(scale: 0.5, outScale: 2, inBits: 8, outBits: 3, signed: true, "FLOOR", outZeroPoint: 5)
            .Build(6);

        var output = new FloatEvaluator(graph).Evaluate(new OnnxTensor(new[] { 1, 6 }, new double[] { 3, -3, 100, -100, 1.25, 1.75 }));

        Assert.Equal(new double[] { 2, -4, 6, -8, 0, 2 }, output.Values);
    }

    [Fact]
    public void FirstVersionTruncShiftsByTheBitwidthDifferenceWithoutClamping()
    {
        // 100 / 0.5 = 200, ÷ 2^(6 − 4) = 50, floor 50, × 0.5 = 25: no clamp to 4 bits in qonnx's first version.
        var graph = new QonnxGraphBuilder(2)
            .Trunc(scale: 0.5, outScale: 0, inBits: 6, outBits: 4, signed: true, firstVersion: true)
            .Build(2);

        var output = new FloatEvaluator(graph).Evaluate(new OnnxTensor(new[] { 1, 2 }, new double[] { 3, 100 }));

        Assert.Equal(new double[] { 0.5, 25 }, output.Values);
    }
}
