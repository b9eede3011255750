using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Import;
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

    [Fact]
    public void AGraphWhoseQuantizersTheImportRefusesIsNotApproximatedAndBothReasonsAreGiven()
    {
        var graph = new QonnxGraphBuilder(1).Quant(1, 16, signed: false).MatMul(new float[,] { { 3 } }).Build(1);

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(graph, new ImportOptions("wide", Approximate: new ApproximationOptions())));

        Assert.Contains("16", error.Message);
        Assert.EndsWith("--approximate cannot take it either: every weight and activation is quantized already, and it adds quantizers only where the graph has none.", error.Message);
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
