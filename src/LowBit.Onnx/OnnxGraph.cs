using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using Google.Protobuf;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx;

/// <summary>
/// Builds an ONNX graph node by node. Every value gets a fresh name from a readable stem, so lowering
/// code never has to think about collisions.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly GraphProto _graph;
    private readonly Dictionary<string, int> _stems = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used;

    /// <param name="reserved">Names no generated value may take, e.g. the graph's input and output.</param>
    public OnnxGraph(string name, params string[] reserved)
    {
        _graph = new GraphProto { Name = name };
        _used = new HashSet<string>(reserved, StringComparer.Ordinal);
    }

    public GraphProto Proto => _graph;

    /// <summary>The stem itself, or the stem with the first free suffix: never a name already used or reserved.</summary>
    public string FreshName(string stem)
    {
        _stems.TryGetValue(stem, out int count);
        string name = count == 0 ? stem : $"{stem}_{count}";
        while (!_used.Add(name))
        {
            count++;
            name = $"{stem}_{count}";
        }

        _stems[stem] = count + 1;
        return name;
    }

    /// <summary>Adds a node whose output has exactly <paramref name="output"/> as its name (a reserved one).</summary>
    public void NamedNode(string opType, string output, string input)
    {
        var node = new NodeProto { OpType = opType, Name = FreshName(output + "_" + opType) };
        node.Input.Add(input);
        node.Output.Add(output);
        _graph.Node.Add(node);
    }

    /// <summary>Adds a node and returns the name of its (single) output.</summary>
    public string Node(string opType, string outputStem, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var output = FreshName(outputStem);
        var node = new NodeProto { OpType = opType, Name = FreshName(outputStem + "_" + opType) };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    public string Node(string opType, string outputStem, params string[] inputs) => Node(opType, outputStem, inputs, Array.Empty<AttributeProto>());

    public string Floats(string stem, float[] values, params long[] dims) =>
        Initializer(stem, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    public string Scalar(string stem, float value) => Floats(stem, new[] { value });

    public string Int64s(string stem, long[] values, params long[] dims) =>
        Initializer(stem, TensorProto.Types.DataType.Int64, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    public string Int32s(string stem, int[] values, params long[] dims) =>
        Initializer(stem, TensorProto.Types.DataType.Int32, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    public string Int8s(string stem, sbyte[] values, params long[] dims) =>
        Initializer(stem, TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    public string UInt8Scalar(string stem, byte value) =>
        Initializer(stem, TensorProto.Types.DataType.Uint8, new[] { value }, Array.Empty<long>());

    public string Int8Scalar(string stem, sbyte value) =>
        Initializer(stem, TensorProto.Types.DataType.Int8, new[] { (byte)value }, Array.Empty<long>());

    public void Input(string name, int[] sampleShape) => _graph.Input.Add(FloatValue(name, sampleShape));

    public void Output(string name, int[] sampleShape) => _graph.Output.Add(FloatValue(name, sampleShape));

    public static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Attribute(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    /// <summary>Little-endian raw data, as ONNX specifies; every machine we run on is little-endian.</summary>
    private string Initializer(string stem, TensorProto.Types.DataType type, ReadOnlySpan<byte> data, long[] dims)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw tensor data is little-endian; this exporter runs on little-endian machines only.");
        }

        var name = FreshName(stem);
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(data) };
        tensor.Dims.AddRange(dims);
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>A float tensor whose first dimension is the batch, left symbolic so any batch size runs.</summary>
    private static ValueInfoProto FloatValue(string name, int[] sampleShape)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.AddRange(sampleShape.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }
}
