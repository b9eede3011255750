using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Import;
using LowBit.Onnx.Numpy;
using LowBit.Runtime;
using Xunit.Abstractions;

namespace LowBit.Onnx.Tests.Import;

public sealed class QonnxImportTests
{
    private readonly ITestOutputHelper _output;

    public QonnxImportTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Tfc1W1AImportsExactlyAndAgreesWithTheGraph()
    {
        var graph = SourceGraph.Read(ThirdPartyModels.Tfc1W1A);

        var result = OnnxImporter.Import(graph, new ImportOptions("tfc_w1a1"));

        Assert.Empty(result.InputDifferences);
        var agreement = ImportAgreement.OnMnist(graph, result, _output);
        Assert.True(agreement.GraphAccuracy() >= 93.17 - 1, agreement.ToString());
        Assert.True(agreement.ImportedAccuracy() >= 93.17 - 1, agreement.ToString());
        Assert.True(agreement.AgreementPercent >= 99.9, agreement.ToString());
        var linear = result.Manifest.Layers.OfType<LinearLayer>().ToArray();
        Assert.Equal(4, linear.Length);
        Assert.All(linear, l => Assert.Equal(WeightEncoding.Binary, l.Weights.Encoding));
    }

    [Fact]
    public void Tfc2W2AImportsWithItsInputDifferencesStatedAndAgreesWithTheGraph()
    {
        var graph = SourceGraph.Read(ThirdPartyModels.Tfc2W2A);

        var result = OnnxImporter.Import(graph, new ImportOptions("tfc_w2a2", AcceptInputDifferences: true));

        var agreement = ImportAgreement.OnMnist(graph, result, _output);
        Assert.True(agreement.GraphAccuracy() >= 96.60 - 1, agreement.ToString());
        Assert.True(agreement.ImportedAccuracy() >= 96.60 - 1, agreement.ToString());
        Assert.True(agreement.AgreementPercent >= 99.9, agreement.ToString());
        Assert.All(result.Manifest.Layers.OfType<LinearLayer>(), l => Assert.Equal(WeightEncoding.Ternary, l.Weights.Encoding));
    }

    [Fact]
    public void Tfc2W2AIsRefusedWithoutConsentBecauseItsNarrowInputGridCannotBeExact()
    {
        var graph = SourceGraph.Read(ThirdPartyModels.Tfc2W2A);

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(graph, new ImportOptions("tfc_w2a2")));

        Assert.Contains("TFC_2W2A.onnx", error.Message);
        Assert.Contains("(Quant)", error.Message);
        Assert.Contains("level 2 starts at x = 0.75", error.Message);
        Assert.Contains("level 3 starts at x = never in the graph", error.Message);
    }

    /// <summary>
    /// TFC_1W1A's last weights are stored as ±1 with a BipolarQuant of scale 1 before their Transpose; without the
    /// quantizer they are FINN's streamlined form, integers behind a Transpose, and import to the same model. (The
    /// import once transposed them a second time and failed deep inside with an index error.)
    /// </summary>
    [Fact]
    public void IntegerWeightsBehindATransposeImportLikeTheirQuantizedForm()
    {
        var graph = SourceGraph.Read(ThirdPartyModels.Tfc1W1A);

        var quantized = OnnxImporter.Import(graph, new ImportOptions("tfc"));
        var streamlined = OnnxImporter.Import(GraphEdits.Without(graph, "BipolarQuant_38"), new ImportOptions("tfc"));

        Assert.Equal(ManifestWriter.ToJson(quantized.Manifest), ManifestWriter.ToJson(streamlined.Manifest));
    }

    [Fact]
    public void FinnModelImportsAndClassifiesItsInputAsExpected()
    {
        var graph = SourceGraph.Read(ThirdPartyModels.FinnTfc);
        var input = NpyFile.Read(ThirdPartyModels.Qonnx("finn_build_dataflow_input.npy"));

        var result = OnnxImporter.Import(graph, new ImportOptions("finn_tfc_w1a1"));

        var interpreter = new ReferenceInterpreter(result.Manifest);
        var classes = Enumerable.Range(0, input.Shape[0])
            .Select(i => interpreter.Classify(input.Values.Skip(i * 784).Take(784).Select(v => (float)v).ToArray()))
            .ToArray();
        Assert.Equal(new[] { 7, 2, 1, 0 }, classes);
        Assert.Empty(result.InputDifferences);
    }
}
