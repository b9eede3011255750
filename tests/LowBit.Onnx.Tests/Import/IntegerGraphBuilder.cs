using System.Linq;
using Google.Protobuf;
using LowBit.Onnx.Import;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx.Tests.Import;

/// <summary>
/// Writes small ONNX int8 graphs in memory (input "x" [batch, …], output "y"): QuantizeLinear, the integer
/// operators, Cast and float steps. Tracks the scale and zero point of the current quantized tensor so each
/// integer operator reads its input with the parameters that wrote it.
/// </summary>
internal sealed class IntegerGraphBuilder
{
    private readonly GraphProto _graph = new() { Name = "integer" };
    private int _values;
    private (string Scale, string Zero) _quantization;

    public IntegerGraphBuilder(params int[] sampleShape)
    {
        _graph.Input.Add(Value("x", sampleShape));
        Current = "x";
    }

    public string Current { get; private set; }

    public IntegerGraphBuilder QuantizeLinear(float scale, int zero, bool signed)
    {
        _quantization = (Floats(new[] { scale }), Integers(new[] { zero }, signed));
        Node("QuantizeLinear", Current, _quantization.Scale, _quantization.Zero);
        return this;
    }

    public IntegerGraphBuilder QLinearConv(OperandWeights weights, float outputScale, int outputZero, bool outputSigned, int[]? bias = null, int pad = 0, int groups = 1)
    {
        var output = (Floats(new[] { outputScale }), Integers(new[] { outputZero }, outputSigned));
        var inputs = new[] { Current, _quantization.Scale, _quantization.Zero, Weights(weights), Floats(weights.Scale), Integers(weights.Zero, weights.Signed), output.Item1, output.Item2 };
        var node = Node("QLinearConv", bias is null ? inputs : inputs.Append(Int32s(bias)).ToArray());
        node.Attribute.Add(new AttributeProto { Name = "pads", Type = AttributeProto.Types.AttributeType.Ints, Ints = { pad, pad, pad, pad } });
        node.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = groups });
        _quantization = output;
        return this;
    }

    public IntegerGraphBuilder QLinearMatMul(OperandWeights weights, float outputScale, int outputZero, bool outputSigned)
    {
        var output = (Floats(new[] { outputScale }), Integers(new[] { outputZero }, outputSigned));
        Node("QLinearMatMul", Current, _quantization.Scale, _quantization.Zero, Weights(weights), Floats(weights.Scale), Integers(weights.Zero, weights.Signed), output.Item1, output.Item2);
        _quantization = output;
        return this;
    }

    public IntegerGraphBuilder ConvInteger(OperandWeights weights, int pad = 0)
    {
        var node = Node("ConvInteger", Current, Weights(weights), _quantization.Zero, Integers(weights.Zero, weights.Signed));
        node.Attribute.Add(new AttributeProto { Name = "pads", Type = AttributeProto.Types.AttributeType.Ints, Ints = { pad, pad, pad, pad } });
        return this;
    }

    public IntegerGraphBuilder MatMulInteger(OperandWeights weights)
    {
        Node("MatMulInteger", Current, Weights(weights), _quantization.Zero, Integers(weights.Zero, weights.Signed));
        return this;
    }

    public IntegerGraphBuilder CastToFloat()
    {
        Node("Cast", Current).Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (int)TensorProto.Types.DataType.Float });
        return this;
    }

    /// <summary>A float step with a constant second operand (scalar, or per channel with <paramref name="dims"/>).</summary>
    public IntegerGraphBuilder Elementwise(string op, float[] constant, params int[] dims)
    {
        Node(op, Current, Floats(constant, dims));
        return this;
    }

    /// <summary>An operator of the current value alone (Relu, Flatten).</summary>
    public IntegerGraphBuilder Then(string op)
    {
        Node(op, Current);
        return this;
    }

    public byte[] Build(int outputs)
    {
        _graph.Node.Last().Output[0] = "y";
        _graph.Output.Add(Value("y", outputs));
        var model = new ModelProto { IrVersion = 8, Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
        return model.ToByteArray();
    }

    public static SourceGraph Parse(byte[] model) => SourceGraph.Parse(model, "integer.onnx");

    private NodeProto Node(string op, params string[] inputs)
    {
        Current = "v" + _values++;
        var node = new NodeProto { OpType = op, Name = op + "_" + _values };
        node.Input.AddRange(inputs);
        node.Output.Add(Current);
        _graph.Node.Add(node);
        return node;
    }

    private string Weights(OperandWeights weights) => Tensor(weights.Signed ? TensorProto.Types.DataType.Int8 : TensorProto.Types.DataType.Uint8, t => t.Int32Data.AddRange(weights.Values), weights.Dims);

    private string Floats(float[] values, params int[] dims) => Tensor(TensorProto.Types.DataType.Float, t => t.FloatData.AddRange(values), values.Length == 1 && dims.Length == 0 ? dims : dims.Length == 0 ? new[] { values.Length } : dims);

    private string Integers(int[] values, bool signed) => Tensor(signed ? TensorProto.Types.DataType.Int8 : TensorProto.Types.DataType.Uint8, t => t.Int32Data.AddRange(values), values.Length == 1 ? System.Array.Empty<int>() : new[] { values.Length });

    private string Int32s(int[] values) => Tensor(TensorProto.Types.DataType.Int32, t => t.Int32Data.AddRange(values), values.Length);

    private string Tensor(TensorProto.Types.DataType type, System.Action<TensorProto> fill, params int[] dims)
    {
        string name = "c" + _values++;
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(dims.Select(d => (long)d));
        fill(tensor);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private static ValueInfoProto Value(string name, params int[] sampleDims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.AddRange(sampleDims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }
}
