using LowBit.Onnx.Import;

namespace LowBit.Onnx.Tests.Import;

/// <summary>Average pools and Truncs no integer model computes exactly are refused, naming the node, its op type and why.</summary>
public sealed class AveragePoolRefusalTests
{
    [Fact]
    public void TruncWhoseScaleRatioIsNoPowerOfTwoIsRefused()
    {
        var error = Refusal(Pool().Trunc(scale: 0.125, outScale: 0.375, inBits: 6, outBits: 4, signed: false));

        Assert.Contains("(Trunc): out_scale / scale = 0.375 / 0.125 is not a power of two", error);
    }

    [Fact]
    public void TruncWiderThanEightBitsIsRefused()
    {
        var error = Refusal(Pool().Trunc(scale: 0.125, outScale: 0.5, inBits: 12, outBits: 9, signed: true));

        Assert.Contains("(Trunc): 9-bit activations are wider than the 8 bits", error);
    }

    [Fact]
    public void TruncWithANonzeroOutputZeroPointIsRefused()
    {
        var error = Refusal(Pool().Trunc(scale: 0.125, outScale: 0.5, inBits: 6, outBits: 4, signed: false, outZeroPoint: 1));

        Assert.Contains("(Trunc): out_zeropt is not 0; qonnx reads it and ignores it", error);
    }

    [Fact]
    public void TruncWhoseZeroPointIsNoMultipleOfItsDivisorIsRefused()
    {
        // t = 0.5 / 0.125 = 4; z / t = 0.5 would put the output between integer levels.
        var error = Refusal(Pool().Trunc(scale: 0.125, outScale: 0.5, inBits: 6, outBits: 4, signed: false, zeroPoint: 2));

        Assert.Matches("^test.onnx: node 'Trunc_[0-9]+' \\(Trunc\\): ", error);
        Assert.Contains("zero point 2 divided by 4 is not an integer; the output levels would not be integers", error);
    }

    [Fact]
    public void FirstVersionTruncReachingMoreThan256LevelsIsRefused()
    {
        // Without a clamp and with in_bitwidth = out_bitwidth (÷ 1), the window sums of levels 0 … 15 at scale
        // 0.125, read at scale 1/64, reach 0 … 480.
        var error = Refusal(Pool().Trunc(scale: 1.0 / 64, outScale: 0, inBits: 4, outBits: 4, signed: false, firstVersion: true));

        Assert.Matches("^test.onnx: node 'Trunc_[0-9]+' \\(Trunc\\): ", error);
        Assert.Contains("without a clamp its outputs reach 481 levels (0 … 480)", error);
        Assert.Contains("the manifest's activations hold 256", error);
    }

    [Fact]
    public void FirstVersionTruncOnTheModelInputIsRefused()
    {
        var graph = QonnxGraphBuilder.Image(1, 4, 4).Trunc(scale: 0.125, outScale: 0, inBits: 6, outBits: 4, signed: false, firstVersion: true);

        var error = Refusal(graph.Conv(new float[] { 1 }, 1, 1, 1).Quant(0.125, 4, signed: false), features: 16);

        Assert.Contains("(Trunc): qonnx's first Trunc (five inputs) does not clamp", error);
        Assert.Contains("on the model input it has none", error);
    }

    [Fact]
    public void PaddingLeftOutOfTheCountIsRefused()
    {
        var graph = Levels(0.125, 4, signed: false).AveragePool(3, 1, padding: 1, countIncludePad: false);

        var error = Refusal(graph.Quant(0.125, 4, signed: false), features: 16);

        Assert.Contains("(AveragePool): pads the input and leaves the padding out of the count (count_include_pad 0)", error);
    }

    [Fact]
    public void PaddedAverageOfLevelsWithoutAZeroIsRefused()
    {
        // Bipolar ±1 levels have no level for the 0 ONNX pads with.
        var graph = Levels(1, 1, signed: true).AveragePool(3, 1, padding: 1, countIncludePad: true);

        var error = Refusal(graph.Quant(0.125, 4, signed: true), features: 16);

        Assert.Contains("(AveragePool): pads an input that has no level for 0", error);
    }

    [Fact]
    public void AverageWhoseInexactFloatSumsMeetAQuantizerTieIsRefused()
    {
        // 0.1 has a 24-bit odd mantissa, so sums of its multiples round: the window sum 2 averages to about 0.05,
        // the half-way point of the Quant at scale 0.1 after it, and the graph's level depends on its addition order.
        var graph = Levels(0.1, 4, signed: false).AveragePool(2, 2);

        var error = Refusal(graph.Quant(0.1, 4, signed: false));

        Assert.Contains("(AveragePool): channel 0: the window sum 2 × 0.1", error);
        Assert.Contains("depending on the order of the graph's additions", error);
        Assert.Contains("gives level 0 at one end and 1 at the other", error);
    }

    [Fact]
    public void TheFirstWindowSumWhoseAverageMeetsAQuantizerTieIsNamedEvenFarIntoTheRange()
    {
        // Averages 0.025·S meet the Quant at 1.3's first tie, 0.65, at S = 26; every smaller sum lies away from its steps.
        var graph = Levels(0.1, 8, signed: false).AveragePool(2, 2);

        var error = Refusal(graph.Quant(1.3, 4, signed: false));

        Assert.Contains("(AveragePool): channel 0: the window sum 26 × 0.1", error);
        Assert.Contains("gives level 0 at one end and 1 at the other", error);
    }

    [Fact]
    public void AverageEndingTheGraphIsRefused()
    {
        var graph = QonnxGraphBuilder.Image(1, 4, 4)
            .Quant(0.125, 4, signed: false)
            .GlobalAveragePool()
            .Flatten()
            .Build(1);

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(graph, new ImportOptions("refused"))).Message;

        Assert.Contains("(GlobalAveragePool): this GlobalAveragePool ends the graph", error);
    }

    /// <summary>Levels → AveragePool 2×2 → ×4: the window sum a Trunc then shortens.</summary>
    private static QonnxGraphBuilder Pool() => Levels(0.125, 4, signed: false).AveragePool(2, 2).Elementwise("Mul", 4);

    /// <summary>A 1×4×4 map of levels from a Quant after a 1×1 conv (the input quantizer itself must be exact, so it stays at scale 0.125).</summary>
    private static QonnxGraphBuilder Levels(double scale, int bits, bool signed) =>
        QonnxGraphBuilder.Image(1, 4, 4)
            .Quant(0.125, 4, signed: false)
            .Conv(new float[] { 1 }, 1, 1, 1)
            .Quant(scale, bits, signed);

    /// <summary>The import's refusal of <paramref name="graph"/> followed by a flatten of <paramref name="features"/> values and a MatMul.</summary>
    private static string Refusal(QonnxGraphBuilder graph, int features = 4)
    {
        var source = graph.Flatten().MatMul(new float[features, 1]).Build(1);
        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(source, new ImportOptions("refused"))).Message;
        Assert.StartsWith("test.onnx: node '", error);
        return error;
    }
}
