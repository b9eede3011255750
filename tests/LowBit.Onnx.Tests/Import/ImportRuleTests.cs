using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Tests.Import;

/// <summary>Single rules of the QONNX import on graphs small enough to check by hand.</summary>
public sealed class ImportRuleTests
{
    // Input levels 0…15 (4-bit unsigned, scale 1) times weight 1, then ×0.5 and a 3-bit unsigned Quant:
    // level = round(acc / 2). Half to even sends acc = 1, 5, 9, 13 (…0.5 with an even floor) down;
    // half up sends every tie up. Thresholds are the smallest accumulator reaching each level.
    [Theory]
    [InlineData("ROUND", new[] { 2, 3, 6, 7, 10, 11, 14 })]
    [InlineData("HALF_UP", new[] { 1, 3, 5, 7, 9, 11, 13 })]
    [InlineData("FLOOR", new[] { 2, 4, 6, 8, 10, 12, 14 })]
    [InlineData("CEIL", new[] { 1, 3, 5, 7, 9, 11, 13 })]
    public void ThresholdsHonourTheQuantizersRoundingMode(string rounding, int[] expected)
    {
        var graph = new QonnxGraphBuilder(1)
            .Quant(1, 4, signed: false)
            .MatMul(new float[,] { { 1 } })
            .Elementwise("Mul", 0.5)
            .Quant(1, 3, signed: false, rounding: rounding)
            .MatMul(new float[,] { { 1 } })
            .Build(1);

        var manifest = OnnxImporter.Import(graph, new ImportOptions("ties")).Manifest;

        var hidden = (ThresholdRequantization)((LinearLayer)manifest.Layers[0]).Requantize;
        Assert.Equal(expected, hidden.Thresholds.ToArray());
    }

    [Fact]
    public void ANegativeScaleBeforeAQuantizerNegatesTheChannel()
    {
        var graph = new QonnxGraphBuilder(1)
            .Quant(1, 2, signed: false)
            .MatMul(new float[,] { { 1 } })
            .Elementwise("Mul", -1)
            .Quant(1, 2, signed: true)
            .MatMul(new float[,] { { 1 } })
            .Build(1);

        var hidden = (ThresholdRequantization)((LinearLayer)OnnxImporter.Import(graph, new ImportOptions("negated")).Manifest.Layers[0]).Requantize;

        // acc = 0…3 gives q = 0, −1, −2, −2 (clamped), level q + 2 = 2, 1, 0, 0. On −acc ∈ [−3, 0] the level
        // reaches 1 at −1 and 2 at 0; level 3 is never reached: threshold 4, past the layer's accumulator bound
        // (one ±1 weight times the 2-bit input's largest level 3), so no input of the manifest reaches it either.
        Assert.Equal(new[] { 0 }, hidden.NegatedChannels.ToArray());
        Assert.Equal(new[] { -1, 0, 4 }, hidden.Thresholds.ToArray());
    }

    [Fact]
    public void AFloatMatMulIsRefusedNamingTheNode()
    {
        var graph = new QonnxGraphBuilder(1)
            .Quant(1, 2, signed: false)
            .MatMul(new float[,] { { 0.3f } })
            .Build(1);

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(graph, new ImportOptions("float")));

        Assert.StartsWith("test.onnx: node 'MatMul_", error.Message);
        Assert.Contains("(MatMul): weights", error.Message);
        Assert.Contains("are not integers", error.Message);
    }

    [Fact]
    public void AnInputQuantizerWithAnOffsetThatBreaksTiesBothWaysIsRefusedWithTheDifferingInputs()
    {
        // round(x − 1) with half to even: x = 0.5 → −0 → 0 but x = 1.5 → 0.5 → 0; x / s can tie only one way.
        var graph = new QonnxGraphBuilder(1)
            .Elementwise("Sub", 1)
            .Quant(1, 3, signed: true)
            .MatMul(new float[,] { { 1 } })
            .Build(1);

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(graph, new ImportOptions("offset")));

        Assert.Contains("(Quant): the manifest's input quantizer", error.Message);
        Assert.Contains("in the graph but at x =", error.Message);
    }

    [Fact]
    public void AnInputQuantizerWithAPowerOfTwoScaleIsExact()
    {
        var graph = new QonnxGraphBuilder(3)
            .Quant(0.25, 4, signed: true)
            .MatMul(new float[,] { { 1 }, { -2 }, { 3 } })
            .Build(1);

        var result = OnnxImporter.Import(graph, new ImportOptions("exact"));

        Assert.Empty(result.InputDifferences);
        Assert.Equal(new LevelFormat(4, false, 8, 0.25f), result.Manifest.Input.Levels);
        var output = (FloatOutput)((LinearLayer)result.Manifest.Layers[0]).Requantize;
        var interpreter = new Runtime.ReferenceInterpreter(result.Manifest);
        var y = new float[1];
        interpreter.Predict(new[] { 0.5f, -0.25f, 1.75f }, y);
        Assert.Equal((0.5f * 1) + (-0.25f * -2) + (1.75f * 3), y[0]);
        Assert.Equal(1, output.Scale.Length);
    }

    [Fact]
    public void QcdqClipNarrowsInt8ToFourBitLevelsAndAgreesWithTheGraph()
    {
        var weights = new float[8, 3];
        for (int i = 0; i < 8; i++)
        {
            for (int o = 0; o < 3; o++)
            {
                weights[i, o] = ((i * 3) + o) % 5 - 2;
            }
        }

        var graph = new QonnxGraphBuilder(8)
            .Qcdq(0.0625, -8, 7)
            .MatMul(weights)
            .Qcdq(0.5, -8, 7)
            .MatMul(new float[,] { { 1, 0 }, { 0, 1 }, { 1, -1 } })
            .Build(2);

        var result = OnnxImporter.Import(graph, new ImportOptions("qcdq"));

        Assert.Equal(new LevelFormat(4, false, 8, 0.0625f), result.Manifest.Input.Levels);
        var hidden = (ThresholdRequantization)((LinearLayer)result.Manifest.Layers[0]).Requantize;
        Assert.Equal(4, hidden.Levels.Bits);
        var check = ImportCheck.Compare(graph, result.Manifest, ImportCheck.RandomInputs(result.Manifest, 500, seed: 3), 500);
        Assert.Equal(500, check.Agreeing);
        Assert.Equal(0, check.MaxScoreDifference);
    }

    [Fact]
    public void AResidualAddOfTwoQuantizedBranchesBecomesAnAddLayerAndAgreesWithTheGraph()
    {
        var builder = new QonnxGraphBuilder(4).Quant(0.25, 4, signed: false);
        string skip = builder.Current;
        builder.MatMul(new float[,] { { 1, -1, 0, 2 }, { 0, 1, 1, -2 }, { -1, 0, 2, 1 }, { 1, 1, -1, 0 } })
            .Elementwise("Mul", 0.25)
            .Quant(0.5, 3, signed: false)
            .AddWith(skip)
            .Quant(0.5, 4, signed: false)
            .MatMul(new float[,] { { 1, 0 }, { -1, 1 }, { 0, 2 }, { 1, -1 } });
        var graph = builder.Build(2);

        var result = OnnxImporter.Import(graph, new ImportOptions("residual"));

        var add = Assert.Single(result.Manifest.Layers.OfType<AddLayer>());
        Assert.Equal((2, 1), (add.FirstMultiplier, add.SecondMultiplier));
        var check = ImportCheck.Compare(graph, result.Manifest, ImportCheck.RandomInputs(result.Manifest, 500, seed: 11), 500);
        Assert.Equal(500, check.Agreeing);
        Assert.Equal(0, check.MaxScoreDifference);
    }
}
