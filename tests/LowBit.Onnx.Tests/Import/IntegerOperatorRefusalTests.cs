using System.Linq;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Tests.Import;

/// <summary>Integer operators the manifest cannot reproduce exactly are refused with the node, its op type and why.</summary>
public sealed class IntegerOperatorRefusalTests
{
    [Fact]
    public void Int32ArithmeticOnAConvIntegerAccumulatorIsRefused()
    {
        var model = new IntegerGraphBuilder(1, 3, 3)
            .QuantizeLinear(0.1f, 0, signed: false)
            .ConvInteger(OperandWeights.Random(1, new[] { 2, 1, 3, 3 }, true, new[] { 1f }, 0, 5))
            .Elementwise("Add", new[] { 3f })
            .Build(2);

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(IntegerGraphBuilder.Parse(model), new ImportOptions("int32")));

        Assert.Equal("integer.onnx: node 'ConvInteger_6' (ConvInteger): its int32 accumulator goes to 'Add_8' (Add); the import takes ConvInteger followed by Cast to float, then float steps (int32 arithmetic is not folded).", error.Message);
    }

    [Fact]
    public void UnsignedWeightsWithoutAZeroPointBeyondSignedEightBitsAreRefused()
    {
        var values = Enumerable.Range(0, 4 * 2).Select(i => 40 * i % 256).ToArray();
        var weights = new OperandWeights(values, new[] { 4, 2 }, Signed: false, new[] { 1f }, new[] { 0 });
        var model = new IntegerGraphBuilder(4)
            .QuantizeLinear(0.1f, 0, signed: false)
            .MatMulInteger(weights)
            .CastToFloat()
            .Build(2);

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(IntegerGraphBuilder.Parse(model), new ImportOptions("wide")));

        Assert.Equal("integer.onnx: node 'MatMulInteger_6' (MatMulInteger): weights range 0 … 240 do not fit 8-bit signed integers.", error.Message);
    }

    [Fact]
    public void APerRowActivationZeroPointIsRefused()
    {
        var model = new IntegerGraphBuilder(4)
            .QuantizeLinear(0.1f, 0, signed: false)
            .MatMulInteger(OperandWeights.Random(2, new[] { 4, 2 }, true, new[] { 1f }, 0, 5))
            .CastToFloat()
            .Build(2);
        var proto = Proto.ModelProto.Parser.ParseFrom(model);
        var rows = new Proto.TensorProto { Name = "row_zero_points", DataType = (int)Proto.TensorProto.Types.DataType.Uint8, Dims = { 2 }, Int32Data = { 0, 1 } };
        proto.Graph.Initializer.Add(rows);
        proto.Graph.Node.Single(n => n.OpType == "MatMulInteger").Input[2] = rows.Name;

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(IntegerGraphBuilder.Parse(Google.Protobuf.MessageExtensions.ToByteArray(proto)), new ImportOptions("rows")));

        Assert.Equal("integer.onnx: node 'MatMulInteger_6' (MatMulInteger): the input zero point has 2 values; a per-row activation zero point is not one offset per layer.", error.Message);
    }

    [Fact]
    public void PaddingAnInputReadWithAnotherZeroPointIsRefused()
    {
        var model = new IntegerGraphBuilder(1, 3, 3)
            .QuantizeLinear(0.1f, 10, signed: false)
            .QLinearConv(OperandWeights.Random(3, new[] { 2, 1, 3, 3 }, true, new[] { 0.1f }, 0, 5), 0.2f, 0, outputSigned: false, pad: 1)
            .Build(2);
        var proto = Proto.ModelProto.Parser.ParseFrom(model);
        var other = new Proto.TensorProto { Name = "other_zero_point", DataType = (int)Proto.TensorProto.Types.DataType.Uint8, Int32Data = { 12 } };
        proto.Graph.Initializer.Add(other);
        proto.Graph.Node.Single(n => n.OpType == "QLinearConv").Input[2] = other.Name;

        var error = Assert.Throws<OnnxImportException>(() => OnnxImporter.Import(IntegerGraphBuilder.Parse(Google.Protobuf.MessageExtensions.ToByteArray(proto)), new ImportOptions("padding")));

        Assert.Equal("integer.onnx: node 'QLinearConv_9' (QLinearConv): pads an input that has no level for 0 (bipolar ±1 activations, or an input zero point other than the one its quantizer wrote); ONNX pads with 0, the manifest with a level.", error.Message);
    }
}
