using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Google.Protobuf;
using LowBit.Onnx.Evaluation;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx.Import;

/// <summary>
/// An ONNX model as the importer and the float evaluator see it: nodes in file order (ONNX requires
/// topological order), initializers decoded, the real inputs (graph inputs that are not initializers,
/// as IR &lt; 4 files list both), outputs and the imported opsets.
/// </summary>
public sealed class SourceGraph
{
    private SourceGraph(string file, ModelProto model)
    {
        File = file;
        if (model.Graph is null)
        {
            throw new OnnxImportException($"{file}: the model has no graph; is this an ONNX model file?");
        }

        Model = model;
        var graph = model.Graph;
        IrVersion = model.IrVersion;
        Producer = (model.ProducerName + " " + model.ProducerVersion).Trim();
        var opsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var opset in model.OpsetImport)
        {
            if (!opsets.TryAdd(opset.Domain, opset.Version))
            {
                throw new OnnxImportException($"{file}: the model imports an opset of domain '{opset.Domain}' twice; ONNX allows one version per domain.");
            }
        }

        Opsets = opsets;
        foreach (var initializer in graph.Initializer)
        {
            Initializers[initializer.Name] = TensorDecoding.Decode(initializer, $"{file}: initializer");
        }

        Nodes = graph.Node.Select((node, i) => new SourceNode(node, i, file)).ToArray();
        Inputs = graph.Input.Where(v => !Initializers.ContainsKey(v.Name)).Select(Describe).ToArray();
        Outputs = graph.Output.Select(Describe).ToArray();
        foreach (var node in Nodes.Where(n => n.Domain == OperatorDomain.Other))
        {
            throw new OnnxImportException($"{file}: node {node}: domain '{node.DomainName}' is neither ONNX nor QONNX (qonnx.custom_op.general, onnx.brevitas, finn.custom_op.general).");
        }
    }

    public string File { get; }

    /// <summary>The file as read: the approximation rewrites a copy of it (inserting quantizers) rather than a second model format.</summary>
    internal ModelProto Model { get; }

    public long IrVersion { get; }

    public string Producer { get; }

    /// <summary>Opset version per domain ("" is ONNX's own).</summary>
    public IReadOnlyDictionary<string, long> Opsets { get; }

    public IReadOnlyList<SourceNode> Nodes { get; }

    public Dictionary<string, OnnxTensor> Initializers { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<GraphValue> Inputs { get; }

    public IReadOnlyList<GraphValue> Outputs { get; }

    /// <summary>ONNX's default-domain opset version (1 when the file imports none).</summary>
    public long OnnxOpset => Opsets.TryGetValue("", out var v) ? v : Opsets.TryGetValue("ai.onnx", out var w) ? w : 1;

    public static SourceGraph Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OnnxImportException($"{path}: cannot read the file: {e.Message}", e);
        }

        return Parse(bytes, path);
    }

    public static SourceGraph Parse(byte[] bytes, string file)
    {
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxImportException($"{file}: not a valid ONNX protobuf ({e.Message}).", e);
        }

        return new SourceGraph(file, model);
    }

    /// <summary>The node that produces <paramref name="value"/>, or null for inputs and initializers.</summary>
    public SourceNode? ProducerOf(string value) => Nodes.FirstOrDefault(n => n.Outputs.Contains(value));

    /// <summary>The nodes that read <paramref name="value"/>.</summary>
    public IEnumerable<SourceNode> Consumers(string value) => Nodes.Where(n => n.Inputs.Contains(value));

    private static GraphValue Describe(ValueInfoProto value)
    {
        var tensor = value.Type?.TensorType;
        int[] shape = tensor?.Shape?.Dim.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? (int)d.DimValue : -1).ToArray() ?? Array.Empty<int>();
        return new GraphValue(value.Name, shape, tensor?.ElemType ?? 0);
    }
}
