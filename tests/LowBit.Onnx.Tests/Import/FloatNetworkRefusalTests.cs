using LowBit.Onnx.Import;

namespace LowBit.Onnx.Tests.Import;

/// <summary>
/// qonnx's mnist-conv and residual_block_clean test files hold no quantizer at all (float weights — every one
/// 0.1 in the residual block — and float activations): the import refuses them, naming the first float
/// multiplication, what is missing and the --approximate hint (<see cref="ApproximateImportTests"/>).
/// </summary>
public sealed class FloatNetworkRefusalTests
{
    private const string Missing = "the graph has no quantizer (no Quant, BipolarQuant, MultiThreshold, QuantizeLinear, QLinearConv, QLinearMatMul, ConvInteger or MatMulInteger node)";
    private const string Remedy = "a float network, which no integer model computes exactly. Quantize it first (e.g. Brevitas to QONNX, or ONNX Runtime's quantizer to QDQ), or import with --approximate to quantize it to 8 bits and measure the difference.";

    [Theory]
    [InlineData("qonnx_mnist-conv_model.onnx", "node 'Convolution28' (Conv)", "Conv multiplies float32 input 'Input3' by float32 weights 'Parameter5'")]
    [InlineData("qonnx_residual_block_clean.onnx", "node 'Conv_0' (Conv)", "Conv multiplies float32 input 'global_in' by float32 weights 'Conv_0_param0'")]
    public void AGraphWithoutQuantizersIsRefusedAsAFloatNetwork(string file, string node, string multiplication)
    {
        var path = ThirdPartyModels.Qonnx(file);

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(SourceGraph.Read(path), new ImportOptions("float")));

        Assert.Equal($"{path}: {node}: {Missing}, so this {multiplication}: {Remedy}", error.Message);
    }
}
