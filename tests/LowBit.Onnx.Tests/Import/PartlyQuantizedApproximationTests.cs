using Google.Protobuf;
using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Import;
using LowBit.TestModels;
using Xunit.Abstractions;

namespace LowBit.Onnx.Tests.Import;

/// <summary>
/// <c>--approximate</c> on a partly quantized graph: the exact import refuses it (a float activation or float weights
/// where a quantizer is missing), and the approximation keeps the graph's own quantizers, adds 8-bit ones only where
/// there are none, and measures the result against the float evaluation of the graph as given. The graphs are the real
/// TFC_1W1A with one of its quantizers taken out, the way an exporter that skips a layer leaves it.
/// </summary>
public sealed class PartlyQuantizedApproximationTests
{
    private readonly ITestOutputHelper _output;

    public PartlyQuantizedApproximationTests(ITestOutputHelper output) => _output = output;

    /// <summary>Without its third activation quantizer, TFC_1W1A's third MatMul multiplies a float BatchNorm output.</summary>
    [Fact]
    public void AMissingActivationQuantizerIsAddedAtEightBitsAndTheRestStaysAsTheGraphHasIt()
    {
        var graph = GraphEdits.Without(SourceGraph.Read(ThirdPartyModels.Tfc1W1A), "BipolarQuant_27");
        Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(graph, new ImportOptions("partial")));

        var result = OnnxImporter.Import(graph, new ImportOptions("partial", Approximate: new ApproximationOptions(Samples: 20)));

        var agreement = ImportAgreement.OnMnist(graph, result, _output);
        Assert.StartsWith("approximate: the exact import refused (node 'MatMul_32' (MatMul): ", result.Log[0]);
        Assert.Equal(new[] { "approximate: Quant on '51' (input of MatMul 'MatMul_32')" }, result.Log.Where(l => l.StartsWith("approximate: Quant on")).Select(l => l[..l.IndexOf(": calibrated", System.StringComparison.Ordinal)]));
        Assert.DoesNotContain(result.Log, l => l.StartsWith("approximate: Quant on weights"));
        Assert.All(result.Manifest.Layers.OfType<LinearLayer>(), l => Assert.Equal(WeightEncoding.Binary, l.Weights.Encoding));
        Assert.True(agreement.AgreementPercent >= 99, agreement.ToString());
    }

    /// <summary>
    /// Without the quantizer of its last weights, and those weights made float (each ±1 times 1 + sin(i)/4), TFC_1W1A's last
    /// MatMul multiplies by float weights.
    /// </summary>
    [Fact]
    public void MissingWeightQuantizersAreAddedAtEightBitsPerOutputChannel()
    {
        var tfc = GraphEdits.Without(SourceGraph.Read(ThirdPartyModels.Tfc1W1A), "BipolarQuant_38");
        var graph = GraphEdits.WithInitializer(tfc, "62", (i, w) => w * (1 + (0.25f * System.MathF.Sin(i))));

        var result = OnnxImporter.Import(graph, new ImportOptions("partial", Approximate: new ApproximationOptions(Samples: 20)));

        var agreement = ImportAgreement.OnMnist(graph, result, _output);
        Assert.StartsWith("approximate: the exact import refused (node 'MatMul_40' (MatMul): weights '65' are not integers", result.Log[0]);
        Assert.DoesNotContain(result.Log, l => l.StartsWith("approximate: Quant on '"));
        Assert.Contains(result.Log, l => l.StartsWith("approximate: Quant on weights '65' of MatMul 'MatMul_40': s8 narrow, 10 per-channel scales"));
        var linear = result.Manifest.Layers.OfType<LinearLayer>().ToArray();
        Assert.Equal(new[] { WeightEncoding.Binary, WeightEncoding.Binary, WeightEncoding.Binary, WeightEncoding.Signed }, linear.Select(l => l.Weights.Encoding));
        Assert.Equal(8, linear[^1].Weights.Bits);
        Assert.True(agreement.AgreementPercent >= 99, agreement.ToString());
    }

    /// <summary>
    /// ONNX Runtime's quantizer leaves a node in float when told to exclude it: our QDQ export of TFC_2W2A with the
    /// QuantizeLinear → DequantizeLinear pair before its second MatMul taken out. The other layers' DequantizeLinear
    /// inputs and every DequantizeLinear weight stay as they are; one 8-bit quantizer is added.
    /// </summary>
    [Fact]
    public void AQdqGraphWithOneLayerLeftInFloatGetsOneEightBitQuantizer()
    {
        var manifest = ManifestReader.ReadFile(RepositoryPaths.Combine("tests/LowBit.BitExact/ImportedModels/tfc-w2a2.lbq"));
        var qdq = SourceGraph.Parse(OnnxExporter.Export(manifest, OnnxFlavor.Qdq).ToByteArray(), "tfc-w2a2.qdq.onnx");
        var dots = qdq.Nodes.Where(n => (n.OpType is "MatMul" or "Gemm") && qdq.ProducerOf(n.Inputs[0]) is { OpType: "DequantizeLinear" }).ToArray();
        var dequantize = qdq.ProducerOf(dots[1].Inputs[0])!;
        var quantize = qdq.ProducerOf(dequantize.Inputs[0])!;
        Assert.Equal("QuantizeLinear", quantize.OpType);
        var graph = GraphEdits.Without(GraphEdits.Without(qdq, dequantize.Name), quantize.Name);
        Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(graph, new ImportOptions("qdq")));

        var result = OnnxImporter.Import(graph, new ImportOptions("qdq", Approximate: new ApproximationOptions(Samples: 20, Calibration: ThirdPartyModels.TrainingDigits(100))));

        var agreement = ImportAgreement.OnMnist(graph, result, _output);
        Assert.Equal(new[] { $"input of {dots[1].OpType} '{dots[1].Name}'" }, result.Log.Where(l => l.StartsWith("approximate: Quant on '")).Select(l => l[(l.IndexOf('(') + 1)..l.IndexOf(')')]));
        Assert.DoesNotContain(result.Log, l => l.StartsWith("approximate: Quant on weights"));
        Assert.True(agreement.AgreementPercent >= 99, agreement.ToString());
    }

    /// <summary>Levels scaled by a positive constant (a MultiThreshold's or Quant's output scale) are still levels: no second quantizer.</summary>
    [Fact]
    public void LevelsBehindAPositiveScaleAreNotQuantizedAgain()
    {
        var graph = new QonnxGraphBuilder(2)
            .Quant(0.5, 4, signed: false)
            .Elementwise("Mul", 0.25)
            .MatMul(new float[,] { { 0.3f, -1.1f }, { 0.7f, 0.2f } })
            .Build(2);

        var result = OnnxImporter.Import(graph, new ImportOptions("scaled", Approximate: new ApproximationOptions(Samples: 20)));

        Assert.DoesNotContain(result.Log, l => l.StartsWith("approximate: Quant on '"));
        Assert.Single(result.Log, l => l.StartsWith("approximate: Quant on weights"));
    }

    /// <summary>A 16-bit activation Quant (the manifest holds at most 8) becomes an identity with an 8-bit quantizer before it.</summary>
    [Fact]
    public void AnActivationQuantizerTheImportRefusesIsReplacedByAnEightBitOne()
    {
        var graph = new QonnxGraphBuilder(3)
            .Quant(0.25, 4, signed: false)
            .MatMul(new float[,] { { 1, -2, 3, 1 }, { 2, 1, -1, 0 }, { -3, 2, 1, 2 } })
            .Quant(0.001, 16, signed: true)
            .MatMul(new float[,] { { 1, 0 }, { 0, 1 }, { 1, 1 }, { -1, 2 } })
            .Build(2);
        var exact = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(graph, new ImportOptions("wide")));

        var result = OnnxImporter.Import(graph, new ImportOptions("wide", Approximate: new ApproximationOptions(Samples: 200)));

        string wide = graph.Nodes.Single(n => n.OpType == "Quant" && n.Inputs[0] != "x").Name;
        Assert.Contains(result.Log, l => l.StartsWith($"approximate: Quant '{wide}' becomes an identity, its input quantized to 8 bits instead (the exact import refuses it: ") && l.Contains("16-bit activations are wider than the 8 bits"));
        Assert.Single(result.Log, l => l.StartsWith("approximate: Quant on '"));
        Assert.Contains("16-bit activations are wider than the 8 bits", exact.Message);
        var report = result.Approximation!;
        // Measured: 200 of 200 classes, RMS difference 2.41 % of the outputs' RMS (8-bit steps instead of the 16-bit quantizer's).
        Assert.True(report.Comparison.Agreeing >= 196 && report.RelativeRms < 0.04, report.ToString());
    }

    /// <summary>A Trunc whose scale ratio is no power of two is refused; the approximation adds quantizers, it does not replace a Trunc.</summary>
    [Fact]
    public void AGraphWhoseRefusedPartTheApproximationCannotReplaceIsRefusedWithBothReasons()
    {
        var graph = QonnxGraphBuilder.Image(1, 4, 4)
            .Quant(0.125, 4, signed: false)
            .AveragePool(2, 2)
            .Elementwise("Mul", 4)
            .Trunc(scale: 0.125, outScale: 0.375, inBits: 6, outBits: 4, signed: false)
            .Flatten()
            .MatMul(new float[4, 1])
            .Build(1);

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(graph, new ImportOptions("trunc", Approximate: new ApproximationOptions())));

        Assert.Contains("(Trunc)", error.Message);
        Assert.EndsWith("--approximate cannot take it either: every weight and activation is quantized already, and it adds quantizers only where the graph has none (or replaces an activation Quant the import refuses).", error.Message);
    }

    [Fact]
    public void AResidualAddOfAQuantizedAndAFloatTensorIsRefusedNamingBoth()
    {
        var builder = new QonnxGraphBuilder(2).Quant(0.5, 4, signed: false);
        string levels = builder.Current;
        var graph = builder.From("x").CombineWith("Add", levels).MatMul(new float[,] { { 1, 0 }, { 0, 1 } }).Build(2);

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(graph, new ImportOptions("mixed", Approximate: new ApproximationOptions())));

        Assert.Contains("--approximate cannot take it either: node 'Add_", error.Message);
        Assert.Contains($"adds quantized '{levels}' and float 'x'", error.Message);
    }
}
