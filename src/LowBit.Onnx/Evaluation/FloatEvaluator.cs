using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Evaluation;

/// <summary>
/// Runs the source ONNX graph with plain float32 operators and QONNX's formulas: the independent check
/// an imported integer model is compared against. It shares no code with the import's streamlining
/// beyond the per-element formulas of <see cref="QonnxFormulas"/> and the BatchNorm formula.
/// </summary>
public sealed class FloatEvaluator
{
    private readonly SourceGraph _graph;
    private readonly Dictionary<string, int> _lastUse = new(StringComparer.Ordinal);

    public FloatEvaluator(SourceGraph graph)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        for (int i = 0; i < graph.Nodes.Count; i++)
        {
            foreach (var input in graph.Nodes[i].Inputs)
            {
                _lastUse[input] = i;
            }
        }
    }

    /// <summary>Evaluates the graph on a batch for its single input; returns the graph outputs by name.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Run(OnnxTensor input)
    {
        if (_graph.Inputs.Count != 1)
        {
            throw new OnnxImportException($"{_graph.File}: the graph has {_graph.Inputs.Count} inputs; the evaluator feeds exactly one.");
        }

        return Run(new Dictionary<string, OnnxTensor> { [_graph.Inputs[0].Name] = input });
    }

    /// <summary>Evaluates the graph with a value for every graph input, by name.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Run(IReadOnlyDictionary<string, OnnxTensor> inputs) =>
        Run(inputs, Array.Empty<string>());

    /// <summary>
    /// Evaluates the graph and returns its outputs and the intermediate values <paramref name="alsoKeep"/> by name:
    /// calibration reads the ranges of the tensors it quantizes (the evaluator otherwise frees each value after its last use).
    /// </summary>
    public IReadOnlyDictionary<string, OnnxTensor> Run(IReadOnlyDictionary<string, OnnxTensor> inputs, IReadOnlyCollection<string> alsoKeep)
    {
        var values = new Dictionary<string, OnnxTensor>(_graph.Initializers, StringComparer.Ordinal);
        foreach (var input in _graph.Inputs)
        {
            values[input.Name] = inputs.TryGetValue(input.Name, out var tensor)
                ? tensor
                : throw new OnnxImportException($"{_graph.File}: no value given for graph input '{input.Name}'.");
        }

        var keep = _graph.Outputs.Select(o => o.Name).Concat(alsoKeep).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < _graph.Nodes.Count; i++)
        {
            var node = _graph.Nodes[i];
            var outputs = EvaluateNode(node, Gather(node, values));
            for (int o = 0; o < node.Outputs.Count && o < outputs.Length; o++)
            {
                values[node.Outputs[o]] = outputs[o];
            }

            foreach (var name in node.Inputs.Where(n => _lastUse.TryGetValue(n, out int last) && last == i && !keep.Contains(n) && !_graph.Initializers.ContainsKey(n)))
            {
                values.Remove(name);
            }
        }

        return keep.ToDictionary(name => name, name => values[name], StringComparer.Ordinal);
    }

    /// <summary>The first graph output for <paramref name="input"/>.</summary>
    public OnnxTensor Evaluate(OnnxTensor input) => Run(input)[_graph.Outputs[0].Name];

    internal static NodeInputs Gather(SourceNode node, IReadOnlyDictionary<string, OnnxTensor> values) =>
        new(node, node.Inputs.Select(name => name.Length == 0 ? null
            : values.TryGetValue(name, out var tensor) ? tensor
            : throw OnnxImportException.AtNode(node, $"input '{name}' is neither a graph input, an initializer nor an earlier node's output.")).ToArray());

    /// <summary>
    /// One node's outputs from its inputs. The graph is a user's file: an operator given inputs or attributes
    /// that contradict each other in a way its own checks did not name (found by fuzzing: ranks, lengths,
    /// indices) is refused for that node, with the shapes it was given, rather than failing somewhere inside it.
    /// </summary>
    internal static OnnxTensor[] EvaluateNode(SourceNode node, NodeInputs inputs)
    {
        try
        {
            return EvaluateOperator(node, inputs);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or InvalidOperationException or DivideByZeroException or OverflowException or KeyNotFoundException)
        {
            var shapes = inputs.All.Select(t => t is null ? "none" : $"[{string.Join(", ", t.Shape)}]");
            throw new OnnxImportException($"node {node}: its inputs ({string.Join(", ", shapes)}) or attributes do not fit the operator.", e);
        }
    }

    private static OnnxTensor[] EvaluateOperator(SourceNode node, NodeInputs inputs)
    {
        if (node.Domain == OperatorDomain.Qonnx)
        {
            return node.OpType switch
            {
                "Quant" or "IntQuant" => new[] { QonnxOps.Quant(node, inputs) },
                "BipolarQuant" => new[] { QonnxOps.BipolarQuant(node, inputs) },
                "MultiThreshold" => new[] { QonnxOps.MultiThreshold(node, inputs) },
                "Trunc" => new[] { QonnxOps.Trunc(node, inputs) },
                _ => throw OnnxImportException.AtNode(node, $"QONNX op {node.OpType} is not supported (Quant, BipolarQuant, Trunc, MultiThreshold are)."),
            };
        }

        return node.OpType switch
        {
            "Add" or "Sub" or "Mul" or "Div" or "Pow" => new[] { ElementwiseOps.Binary(node, inputs) },
            "Relu" or "Sign" or "Neg" or "Abs" or "Sqrt" or "Floor" or "Ceil" or "Identity" => new[] { ElementwiseOps.Unary(node, inputs) },
            "Clip" => new[] { ElementwiseOps.Clip(node, inputs) },
            "Cast" => new[] { ElementwiseOps.Cast(node, inputs) },
            "BatchNormalization" => new[] { ElementwiseOps.BatchNormalization(node, inputs) },
            "MatMul" => new[] { MatrixOps.MatMul(node, inputs) },
            "Gemm" => new[] { MatrixOps.Gemm(node, inputs) },
            "Conv" => new[] { WindowOps.Conv(node, inputs) },
            "MaxPool" => new[] { WindowOps.Pool(node, inputs, max: true) },
            "AveragePool" => new[] { WindowOps.Pool(node, inputs, max: false) },
            "GlobalAveragePool" => new[] { WindowOps.GlobalAveragePool(inputs) },
            "Shape" => new[] { ShapeOps.Shape(inputs) },
            "Gather" => new[] { ShapeOps.Gather(node, inputs) },
            "Unsqueeze" => new[] { ShapeOps.Unsqueeze(node, inputs) },
            "Squeeze" => new[] { ShapeOps.Squeeze(node, inputs) },
            "Concat" => new[] { ShapeOps.Concat(node, inputs) },
            "Reshape" => new[] { ShapeOps.Reshape(node, inputs) },
            "Flatten" => new[] { ShapeOps.Flatten(node, inputs) },
            "Transpose" => new[] { ShapeOps.Transpose(node, inputs) },
            "Constant" => new[] { node.Attributes.Tensor("value") ?? throw OnnxImportException.AtNode(node, "only the 'value' tensor attribute is supported.") },
            "QuantizeLinear" => new[] { Int8Ops.QuantizeLinear(node, inputs) },
            "DequantizeLinear" => new[] { Int8Ops.DequantizeLinear(node, inputs) },
            "MatMulInteger" => new[] { Int8Ops.MatMulInteger(inputs) },
            "QLinearMatMul" => new[] { Int8Ops.QLinearMatMul(node, inputs) },
            "ConvInteger" => new[] { Int8Ops.ConvInteger(node, inputs) },
            "QLinearConv" => new[] { Int8Ops.QLinearConv(node, inputs) },
            "TopK" => SelectionOps.TopK(node, inputs),
            "ArgMax" => new[] { SelectionOps.ArgMax(node, inputs) },
            _ => throw OnnxImportException.AtNode(node, "the float evaluator has no implementation of this operator."),
        };
    }
}
