using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Evaluation;

/// <summary>A node's input tensors in order (null for omitted optional inputs), with checked access.</summary>
internal sealed class NodeInputs
{
    private readonly SourceNode _node;
    private readonly OnnxTensor?[] _tensors;

    public NodeInputs(SourceNode node, OnnxTensor?[] tensors)
    {
        _node = node;
        _tensors = tensors;
    }

    public int Count => _tensors.Length;

    public OnnxTensor this[int index] =>
        index < _tensors.Length && _tensors[index] is { } tensor
            ? tensor
            : throw OnnxImportException.AtNode(_node, $"input {index} is missing; expected {Math.Max(index + 1, _tensors.Length)} inputs.");

    public OnnxTensor? Optional(int index) => index < _tensors.Length ? _tensors[index] : null;

    /// <summary>A tensor input read as integers (shape arithmetic, axes, k of TopK).</summary>
    public long[] Longs(int index) => this[index].Values.Select(v => (long)v).ToArray();

    public double Scalar(int index)
    {
        var tensor = this[index];
        return tensor.Length == 1
            ? tensor.Values[0]
            : throw OnnxImportException.AtNode(_node, $"input {index} ('{_node.Inputs[index]}') has shape [{string.Join(", ", tensor.Shape)}]; expected a single value.");
    }

    public IReadOnlyList<OnnxTensor?> All => _tensors;
}
