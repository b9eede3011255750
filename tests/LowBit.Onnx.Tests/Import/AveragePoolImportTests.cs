using System;
using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Tests.Import;

/// <summary>
/// AveragePool and GlobalAveragePool on quantized levels, followed by Trunc (Brevitas's TruncAvgPool2d) or
/// Quant: the import must compute what the graph computes on every input, ties and rounding modes included.
/// </summary>
public sealed class AveragePoolImportTests
{
    private const int Samples = 1000;

    // Levels 0…15 at scale 1, a 2×2 average, ×4 back to the window sum S, then Trunc ÷ 4 to 2 bits: level j
    // is reached at the smallest S with rounding(S / 4) ≥ j. Half to even keeps S = 2 and 10 (0.5, 2.5) down.
    [Theory]
    [InlineData("ROUND", new[] { 3, 6, 11 })]
    [InlineData("FLOOR", new[] { 4, 8, 12 })]
    [InlineData("CEIL", new[] { 1, 5, 9 })]
    [InlineData("HALF_UP", new[] { 2, 6, 10 })]
    public void TruncThresholdsHonourItsRoundingMode(string rounding, int[] expected)
    {
        var graph = QonnxGraphBuilder.Image(1, 2, 2)
            .Quant(1, 4, signed: false)
            .AveragePool(2, 2)
            .Elementwise("Mul", 4)
            .Trunc(scale: 1, outScale: 4, inBits: 6, outBits: 2, signed: false, rounding)
            .Flatten()
            .MatMul(new float[,] { { 1 } })
            .Build(1);

        var manifest = OnnxImporter.Import(graph, new ImportOptions("ties")).Manifest;

        var pool = Assert.IsType<Conv2dLayer>(manifest.Layers[0]);
        Assert.Equal((1, WeightEncoding.Binary), (pool.Groups, pool.Weights.Encoding));
        Assert.Equal(expected, ((ThresholdRequantization)pool.Requantize).Thresholds.ToArray());
    }

    [Theory]
    [InlineData(false, "FLOOR")]
    [InlineData(false, "ROUND")]
    [InlineData(true, "FLOOR")]
    [InlineData(true, "ROUND")]
    public void BrevitasTruncatedAveragePoolAgreesWithTheGraphBitForBit(bool signed, string rounding)
    {
        var graph = ConvLevels(6, signed, seed: 1)
            .AveragePool(2, 2)
            .Elementwise("Mul", 4)
            .Trunc(scale: 0.125, outScale: 0.5, inBits: 6, outBits: 4, signed, rounding)
            .Flatten()
            .Gemm(Matrix(27, 4, seed: 2))
            .Build(4);

        var result = OnnxImporter.Import(graph, new ImportOptions("avgpool-trunc"));

        Assert.Contains(result.Manifest.Layers, l => l.Id == "avgpool1" && l is Conv2dLayer);
        AssertBitExact(graph, result.Manifest, seed: 5);
    }

    // Trunc's zero point z shifts the integer before the division by t = 4; with z divisible by t the output
    // (y − z / t)·out_scale is an integer grid shifted by z / t, which the manifest's β carries.
    [Theory]
    [InlineData(false, 8)]
    [InlineData(true, -8)]
    [InlineData(true, 4)]
    public void TruncWhoseZeroPointIsAMultipleOfItsDivisorAgreesWithTheGraphBitForBit(bool signed, double zeroPoint) =>
        ImportPooledTruncExactly(signed, seed: 21, p => p.Trunc(scale: 0.125, outScale: 0.5, inBits: 6, outBits: 4, signed, zeroPoint: zeroPoint));

    // out_scale below scale makes t = 2^round(log2(out_scale / scale)) = 0.5: the integer is doubled, not
    // shortened, and only even levels (and the clamp's bound) are reached; the grid is still exact.
    [Fact]
    public void TruncWhoseDivisorIsBelowOneAgreesWithTheGraphBitForBit()
    {
        var result = ImportPooledTruncExactly(signed: false, seed: 24, p => p.Trunc(scale: 0.125, outScale: 0.0625, inBits: 6, outBits: 8, signed: false));

        Assert.Contains(result.Log, line => line.Contains("Trunc ÷ 0.5", StringComparison.Ordinal));
    }

    // narrow = 1 raises the signed clamp's lower bound from −8 to −7; window sums ÷ 2 reach −16, so it clamps often.
    [Fact]
    public void NarrowSignedTruncClampsAtMinusSevenAndAgreesWithTheGraphBitForBit()
    {
        var result = ImportPooledTruncExactly(signed: true, seed: 27, p => p.Trunc(scale: 0.125, outScale: 0.25, inBits: 6, outBits: 4, signed: true, narrow: true));

        Assert.Contains(result.Log, line => line.Contains("4-bit signed narrow, Floor, levels -7 … 7", StringComparison.Ordinal));
    }

    // Brevitas's QONNX export writes qonnx's first Trunc: five inputs, ÷ 2^(in − out bits), no clamp, output scaled
    // by the input's scale. Its levels are the integers the window sums can reach.
    [Theory]
    [InlineData(false, "FLOOR")]
    [InlineData(true, "FLOOR")]
    [InlineData(true, "ROUND")]
    public void FirstVersionTruncAfterAnAveragePoolAgreesWithTheGraphBitForBit(bool signed, string rounding)
    {
        var graph = ConvLevels(6, signed, seed: 17)
            .AveragePool(2, 2)
            .Elementwise("Mul", 4)
            .Trunc(scale: 0.125, outScale: 0, inBits: 6, outBits: 4, signed, rounding, firstVersion: true)
            .Flatten()
            .Gemm(Matrix(27, 4, seed: 18))
            .Build(4);

        var result = OnnxImporter.Import(graph, new ImportOptions("first-trunc"));

        Assert.Contains(result.Log, line => line.Contains("first-version Trunc", StringComparison.Ordinal));
        AssertBitExact(graph, result.Manifest, seed: 19);
    }

    [Theory]
    [InlineData(false, "ROUND")]
    [InlineData(false, "FLOOR")]
    [InlineData(false, "HALF_UP")]
    [InlineData(true, "ROUND")]
    [InlineData(true, "FLOOR")]
    public void GlobalAveragePoolBeforeQuantAndGemmAgreesWithTheGraphBitForBit(bool signed, string rounding)
    {
        var graph = ConvLevels(4, signed, seed: 3)
            .GlobalAveragePool()
            .Quant(0.125, 3, signed, rounding: rounding)
            .Flatten()
            .Gemm(Matrix(3, 4, seed: 4))
            .Build(4);

        var result = OnnxImporter.Import(graph, new ImportOptions("global-avgpool"));

        var pool = Assert.IsType<Conv2dLayer>(result.Manifest.Layers.Single(l => l.Id == "avgpool1"));
        Assert.Equal((4, 4), (pool.Window.KernelHeight, pool.Window.KernelWidth));
        AssertBitExact(graph, result.Manifest, seed: 6);
    }

    // Brevitas learns float scales: the window's float32 sums of multiples of 0.0234 round, yet Trunc's first
    // step, round(x / 0.0234), recovers the integer window sum for any addition order, and a Quant at an unrelated
    // scale has no step within the rounding error of any average here; both import exactly. The graph ends in an
    // identity Gemm, so its scores are the pooled levels times their (non-dyadic) step, which the manifest's float
    // output reproduces to float rounding: a score difference under a quarter step means every level is equal.
    [Theory]
    [InlineData(false, 0.0936)]
    [InlineData(true, 0.02)]
    public void PoolsOverLevelsOfAFloatScaleGiveTheGraphsLevels(bool global, double step)
    {
        var levels = QonnxGraphBuilder.Image(2, 4, 4)
            .Quant(0.125, 4, signed: true)
            .Conv(Weights(3 * 2 * 9, seed: 10), 3, 2, 3, padding: 1)
            .Elementwise("Mul", 0.03)
            .Relu()
            .Quant(0.0234, 4, signed: false);
        var pooled = global
            ? levels.GlobalAveragePool().Quant(step, 4, signed: false)
            : levels.AveragePool(2, 2).Elementwise("Mul", 4).Trunc(scale: 0.0234, outScale: step, inBits: 6, outBits: 4, signed: false);
        int features = global ? 3 : 12;
        var graph = pooled.Flatten().Gemm(Identity(features)).Build(features);

        var result = OnnxImporter.Import(graph, new ImportOptions("float-scale-avgpool"));

        var check = ImportCheck.Compare(graph, result.Manifest, ImportCheck.RandomInputs(result.Manifest, Samples, seed: 13), Samples);
        Assert.True(check.Agreeing == Samples && check.MaxScoreDifference < step / 4, check.ToString());
    }

    // Brevitas's TruncAvgPool over a 7×7 map of u8 levels at a float scale: 12,496 window sums per channel whose float32
    // sums round; the rounding check visits only the sums where the level changes and finds none in doubt (Trunc
    // rounds back to the integer sum first). A Quant at an unrelated scale instead is refused, naming the first sum
    // whose average lies within rounding of its tie (670 × 0.0234 / 49 ≈ 4.5 × 0.0711).
    [Fact]
    public void ATruncatedGlobalPoolOfEightBitLevelsAtAFloatScaleGivesTheGraphsLevels()
    {
        QonnxGraphBuilder Pooled() => QonnxGraphBuilder.Image(16, 7, 7).Quant(0.0234, 8, signed: false).GlobalAveragePool();
        var graph = Pooled().Elementwise("Mul", 49).Trunc(scale: 0.0234, outScale: 0.0234 * 64, inBits: 14, outBits: 8, signed: false)
            .Flatten()
            .Gemm(Identity(16))
            .Build(16);

        var result = OnnxImporter.Import(graph, new ImportOptions("global-u8"));

        var check = ImportCheck.Compare(graph, result.Manifest, ImportCheck.RandomInputs(result.Manifest, Samples, seed: 21), Samples);
        Assert.True(check.Agreeing == Samples && check.MaxScoreDifference < 0.0234 * 64 / 4, check.ToString());
        var quant = Pooled().Quant(0.0711, 8, signed: false).Flatten().Gemm(Identity(16)).Build(16);
        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(quant, new ImportOptions("global-u8-quant")));
        Assert.Contains("channel 0: the window sum 670 × 0.023399999365210533", error.Message);
    }

    // Re-quantizing an average to its input's own grid, half to even, is the manifest's avgPool2d / globalAvgPool
    // (round_half_even(Σ L / area)); another rounding keeps the all-ones convolution with thresholds, unless it
    // agrees on every window sum: a 3×3 window's sum / 9 is never a tie, so half up is half to even there.
    [Theory]
    [InlineData(false, false, "ROUND", true)]
    [InlineData(false, true, "ROUND", true)]
    [InlineData(true, false, "ROUND", true)]
    [InlineData(true, true, "ROUND", true)]
    [InlineData(false, false, "HALF_UP", true)]
    [InlineData(true, false, "HALF_UP", false)]
    [InlineData(true, true, "FLOOR", false)]
    public void AnAverageOnItsOwnGridRoundedHalfToEvenIsTheManifestsPool(bool global, bool signed, string rounding, bool manifestPool)
    {
        var levels = ConvLevels(6, signed, seed: 14);
        var pooled = global ? levels.GlobalAveragePool() : levels.AveragePool(3, 3);
        var graph = pooled.Quant(0.125, 4, signed, rounding: rounding).Flatten().Gemm(Matrix(global ? 3 : 12, 4, seed: 15)).Build(4);

        var result = OnnxImporter.Import(graph, new ImportOptions("manifest-pool"));

        var pool = result.Manifest.Layers.Single(l => l.Id == "avgpool1");
        var expected = !manifestPool ? typeof(Conv2dLayer) : global ? typeof(GlobalAvgPoolLayer) : typeof(AvgPool2dLayer);
        Assert.IsType(expected, pool);
        AssertBitExact(graph, result.Manifest, seed: 16);
    }

    [Fact]
    public void PaddingCountedInTheAverageAgreesWithTheGraph()
    {
        var graph = QonnxGraphBuilder.Image(1, 5, 5)
            .Quant(0.25, 4, signed: true)
            .AveragePool(3, 2, padding: 1, countIncludePad: true)
            .Quant(0.125, 4, signed: true)
            .Flatten()
            .Gemm(Matrix(9, 2, seed: 7))
            .Build(2);

        var result = OnnxImporter.Import(graph, new ImportOptions("padded-avgpool"));

        AssertBitExact(graph, result.Manifest, seed: 8);
    }

    [Fact]
    public void BrevitasPoolingGraphOfTheBitExactCatalogAgreesWithTheGraphBitForBit()
    {
        var graph = BrevitasPoolingGraph.Build();

        var result = OnnxImporter.Import(graph, new ImportOptions(BrevitasPoolingGraph.ModelName));

        Assert.Equal(2, result.Manifest.Layers.Count(l => l.Id.StartsWith("avgpool", StringComparison.Ordinal)));
        AssertBitExact(graph, result.Manifest, seed: 9);
    }

    /// <summary>
    /// Brevitas's block before a pool: 4-bit input → Conv 2 → 3 channels 3×3 → ×0.125 → (ReLU and an unsigned
    /// Quant, or a signed Quant) at scale 0.125 on a size×size map.
    /// </summary>
    private static QonnxGraphBuilder ConvLevels(int size, bool signed, int seed)
    {
        var builder = QonnxGraphBuilder.Image(2, size, size)
            .Quant(0.125, 4, signed: true)
            .Conv(Weights(3 * 2 * 9, seed), 3, 2, 3, padding: 1)
            .Elementwise("Mul", 0.125);
        return (signed ? builder : builder.Relu()).Quant(0.125, 4, signed);
    }

    /// <summary>
    /// Brevitas's block → AveragePool 2×2 → ×4 (the window sum) → <paramref name="trunc"/> → Gemm, imported and
    /// checked bit for bit against the graph (seeds <paramref name="seed"/> … seed + 2).
    /// </summary>
    private static ImportResult ImportPooledTruncExactly(bool signed, int seed, Func<QonnxGraphBuilder, QonnxGraphBuilder> trunc)
    {
        var pooled = ConvLevels(6, signed, seed).AveragePool(2, 2).Elementwise("Mul", 4);
        var graph = trunc(pooled).Flatten().Gemm(Matrix(27, 4, seed + 1)).Build(4);

        var result = OnnxImporter.Import(graph, new ImportOptions("pooled-trunc"));

        AssertBitExact(graph, result.Manifest, seed + 2);
        return result;
    }

    private static void AssertBitExact(SourceGraph graph, ModelManifest manifest, int seed)
    {
        var check = ImportCheck.Compare(graph, manifest, ImportCheck.RandomInputs(manifest, Samples, seed), Samples);
        Assert.True(check.Agreeing == Samples && check.MaxScoreDifference == 0, check.ToString());
    }

    /// <summary>Integer weights −2 … 2 from a fixed seed.</summary>
    internal static float[] Weights(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)random.Next(-2, 3)).ToArray();
    }

    private static float[,] Identity(int size)
    {
        var matrix = new float[size, size];
        for (int i = 0; i < size; i++)
        {
            matrix[i, i] = 1;
        }

        return matrix;
    }

    internal static float[,] Matrix(int rows, int columns, int seed)
    {
        var values = Weights(rows * columns, seed);
        var matrix = new float[rows, columns];
        for (int i = 0; i < values.Length; i++)
        {
            matrix[i / columns, i % columns] = values[i];
        }

        return matrix;
    }
}
