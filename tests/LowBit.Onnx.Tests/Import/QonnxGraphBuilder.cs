using System.Collections.Generic;
using System.Linq;
using Google.Protobuf;
using LowBit.Onnx.Import;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx.Tests.Import;

/// <summary>Writes small QONNX graphs in memory for tests of single import rules (input "x" [1, features], output "y").</summary>
internal sealed partial class QonnxGraphBuilder
{
    private const string QonnxDomain = "qonnx.custom_op.general";
    private readonly GraphProto _graph = new() { Name = "test" };
    private int _values;

    public QonnxGraphBuilder(int features)
        : this(new[] { 1, features })
    {
    }

    private QonnxGraphBuilder(int[] inputShape)
    {
        _graph.Input.Add(Value("x", inputShape));
        Current = "x";
    }

    public string Current { get; private set; }

    public QonnxGraphBuilder Quant(double scale, int bits, bool signed, bool narrow = false, string rounding = "ROUND")
    {
        var node = Node("Quant", QonnxDomain, Current, Constant(scale), Constant(0), Constant(bits));
        node.Attribute.Add(new AttributeProto { Name = "signed", Type = AttributeProto.Types.AttributeType.Int, I = signed ? 1 : 0 });
        node.Attribute.Add(new AttributeProto { Name = "narrow", Type = AttributeProto.Types.AttributeType.Int, I = narrow ? 1 : 0 });
        node.Attribute.Add(new AttributeProto { Name = "rounding_mode", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(rounding) });
        return this;
    }

    /// <summary>MatMul by an integer matrix given as rows [in][out].</summary>
    public QonnxGraphBuilder MatMul(float[,] weights)
    {
        string name = Constant(weights.Cast<float>().ToArray(), weights.GetLength(0), weights.GetLength(1));
        Node("MatMul", string.Empty, Current, name);
        return this;
    }

    /// <summary>QuantizeLinear → Clip → DequantizeLinear to int8 (QCDQ, as Brevitas exports below 8 bits).</summary>
    public QonnxGraphBuilder Qcdq(double scale, int low, int high)
    {
        string s = Constant(scale);
        string zero = Int8Constant(0);
        Node("QuantizeLinear", string.Empty, Current, s, zero);
        Node("Clip", string.Empty, Current, Int8Constant(low), Int8Constant(high));
        Node("DequantizeLinear", string.Empty, Current, s, zero);
        return this;
    }

    /// <summary>Continues from an earlier value (a branch point taken from <see cref="Current"/>).</summary>
    public QonnxGraphBuilder From(string value)
    {
        Current = value;
        return this;
    }

    /// <summary>Adds the current value and an earlier one: a residual connection.</summary>
    public QonnxGraphBuilder AddWith(string other) => CombineWith("Add", other);

    /// <summary>A binary op of the current value and an earlier one.</summary>
    public QonnxGraphBuilder CombineWith(string op, string other)
    {
        Node(op, string.Empty, Current, other);
        return this;
    }

    public QonnxGraphBuilder Elementwise(string op, double constant)
    {
        Node(op, string.Empty, Current, Constant(constant));
        return this;
    }

    public SourceGraph Build(int outputs)
    {
        _graph.Node.Last().Output[0] = "y";
        _graph.Output.Add(Value("y", 1, outputs));
        var model = new ModelProto { IrVersion = 8, Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = QonnxDomain, Version = 1 });
        return SourceGraph.Parse(model.ToByteArray(), "test.onnx");
    }

    private NodeProto Node(string op, string domain, params string[] inputs)
    {
        Current = "v" + _values++;
        var node = new NodeProto { OpType = op, Domain = domain, Name = op + "_" + _values };
        node.Input.AddRange(inputs);
        node.Output.Add(Current);
        _graph.Node.Add(node);
        return node;
    }

    private string Constant(double value) => Constant(new[] { (float)value });

    private string Constant(float[] values, params int[] dims)
    {
        string name = "c" + _values++;
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims.Select(d => (long)d));
        tensor.FloatData.AddRange(values);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private string Int8Constant(int value)
    {
        string name = "c" + _values++;
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int8 };
        tensor.Int32Data.Add(value);
        _graph.Initializer.Add(tensor);
        return name;
    }

    private static ValueInfoProto Value(string name, params int[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }
}
