using System;
using System.Collections.Generic;
using System.Linq;

namespace LowBit.Onnx.Import;

/// <summary>
/// Where the approximation puts quantizers so that the exact import can take the float graph: the weights of every
/// Conv/MatMul/Gemm, the activation entering each of them (before any max pool or reshape, which the import applies to
/// levels), both inputs and the output of a residual Add (inputs on one scale, as the import's integer add needs), and
/// a dequantizing head when the graph does not end in a Conv/MatMul/Gemm (the manifest's last layer is one).
/// In a partly quantized graph the quantizers it has stay as they are: only float weights and activations get one.
/// </summary>
internal sealed class QuantizerPlacement
{
    private static readonly HashSet<string> OnLevels = new() { "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "MaxPool" };
    private static readonly HashSet<string> FloatSteps = new() { "Add", "Sub", "Mul", "Div", "Relu", "BatchNormalization", "Clip", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "TopK", "ArgMax" };

    private readonly SourceGraph _graph;
    private readonly GraphFacts _facts;
    private readonly List<ActivationSite> _activations = new();
    private readonly List<WeightSite> _weights = new();
    private readonly Dictionary<string, string> _sameScale = new(StringComparer.Ordinal);

    private QuantizerPlacement(SourceGraph graph, GraphFacts facts)
    {
        _graph = graph;
        _facts = facts;
    }

    /// <summary>Tensors to quantize, each with why, in the order first needed.</summary>
    public IReadOnlyList<ActivationSite> Activations => _activations;

    /// <summary>Weight operands to quantize per output channel.</summary>
    public IReadOnlyList<WeightSite> Weights => _weights;

    /// <summary>The graph output that needs a dequantizing head (it is levels, not a Conv/MatMul/Gemm result), or null.</summary>
    public string? HeadOutput { get; private set; }

    public static QuantizerPlacement Find(SourceGraph graph, GraphFacts facts)
    {
        var placement = new QuantizerPlacement(graph, facts);
        placement.Place();
        return placement;
    }

    /// <summary>The tensor whose scale <paramref name="tensor"/> shares (a residual Add's inputs share one), itself if none.</summary>
    public string ScaleGroup(string tensor)
    {
        while (_sameScale.TryGetValue(tensor, out var next))
        {
            tensor = next;
        }

        return tensor;
    }

    private void Place()
    {
        if (_graph.Outputs.Count != 1)
        {
            throw new OnnxImportException($"the graph has {_graph.Outputs.Count} outputs; the manifest has one.");
        }

        foreach (var node in _graph.Nodes.Where(n => !n.Outputs.All(_facts.Constants.ContainsKey)))
        {
            var computed = node.Inputs.Where(name => !_facts.IsConstant(name)).Distinct().ToArray();
            if (node.Is("Conv") || node.Is("MatMul") || node.Is("Gemm"))
            {
                PlaceDot(node, computed);
            }
            else if (node.Is("Add") && computed.Length == 2)
            {
                PlaceAdd(node);
            }
            else if (computed.Length > 1)
            {
                throw OnnxImportException.AtNode(node, $"{computed.Length} of its inputs depend on the model input; the approximation quantizes a residual Add of two computed tensors, no other op joining them.");
            }
        }

        PlaceHead();
    }

    private void PlaceAdd(SourceNode node)
    {
        int quantized = node.Inputs.Count(IsLevels);
        if (quantized == 1)
        {
            throw OnnxImportException.AtNode(node, $"adds quantized '{node.Inputs.First(IsLevels)}' and float '{node.Inputs.First(i => !IsLevels(i))}'; the approximation quantizes a residual Add's inputs together (both float) or leaves them (both quantized).");
        }

        if (quantized == 0)
        {
            string first = Quantize(node.Inputs[0], $"input of the residual Add '{node.Name}'");
            string second = Quantize(node.Inputs[1], $"input of the residual Add '{node.Name}'");
            if (ScaleGroup(first) != ScaleGroup(second))
            {
                _sameScale[ScaleGroup(first)] = ScaleGroup(second);
            }
        }

        if (!_graph.Nodes.Any(n => n.Inputs.Contains(node.Output) && ActivationQuantizer.IsQuantizer(n)))
        {
            Quantize(node.Output, $"output of the residual Add '{node.Name}' (the import requantizes every add)");
        }
    }

    private void PlaceDot(SourceNode node, string[] computed)
    {
        if (computed.Length != 1 || _facts.IsConstant(node.Inputs[0]))
        {
            throw OnnxImportException.AtNode(node, "its weights (input 1) depend on the model input; the approximation quantizes constant weights per output channel and the computed input 0.");
        }

        var weights = _facts.Constants[node.Inputs[1]];
        int axis = node.OpType switch
        {
            "Conv" => 0,
            "Gemm" => node.Attributes.Int("transB", 0) != 0 ? 0 : 1,
            _ => weights.Rank == 2 ? 1 : throw OnnxImportException.AtNode(node, $"multiplies by [{string.Join(", ", weights.Shape)}] weights; the approximation quantizes 2-D MatMul weights per column."),
        };
        if (!_weights.Any(w => w.Tensor == node.Inputs[1]) && !WeightTracing.IsQuantized(_graph, _facts, node, 1))
        {
            _weights.Add(new WeightSite(node.Inputs[1], node, axis));
        }

        if (!IsLevels(node.Inputs[0]))
        {
            Quantize(node.Inputs[0], $"input of {node.OpType} '{node.Name}'");
        }
    }

    /// <summary>
    /// The graph's output is levels when no Conv/MatMul/Gemm follows the last quantizer (the residual block ends in
    /// Add → MaxPool); a 1×1 depthwise Conv with weights 1 (a MatMul by the identity for vectors) dequantizes it exactly.
    /// </summary>
    private void PlaceHead()
    {
        string output = _graph.Outputs[0].Name;
        var producer = _graph.ProducerOf(output);
        while (producer is not null && producer.Domain == OperatorDomain.Onnx && FloatSteps.Contains(producer.OpType) && producer.Inputs.Count(name => !_facts.IsConstant(name)) == 1)
        {
            producer = _graph.ProducerOf(producer.Inputs.First(name => !_facts.IsConstant(name)));
        }

        if (producer is not null && (producer.Is("Conv") || producer.Is("MatMul") || producer.Is("Gemm")))
        {
            return;
        }

        int rank = _facts.Shapes[output].Length;
        if (rank != 2 && rank != 4)
        {
            throw new OnnxImportException($"graph output '{output}' [{string.Join(", ", _facts.Shapes[output])}] is not a Conv/MatMul/Gemm result; the approximation dequantizes [N, features] or [N, C, H, W] outputs only.");
        }

        if (!IsLevels(output))
        {
            Quantize(output, "graph output, dequantized by an identity layer");
        }

        HeadOutput = output;
    }

    /// <summary>Whether the graph already quantizes <paramref name="tensor"/>: a quantizer (or a QLinear operator, or their dequantization) is the first producer on the way back.</summary>
    private bool IsLevels(string tensor)
    {
        var producer = _graph.ProducerOf(LevelsSource(tensor));
        return producer is not null && (ActivationQuantizer.IsQuantizer(producer) || producer.Is("DequantizeLinear") || producer.Is("QLinearConv") || producer.Is("QLinearMatMul"));
    }

    /// <summary>The tensor the import meets first on the way back from <paramref name="tensor"/>: before max pools and reshapes, which it applies to levels.</summary>
    private string LevelsSource(string tensor)
    {
        var producer = _graph.ProducerOf(tensor);
        while (producer is not null && producer.Domain == OperatorDomain.Onnx && OnLevels.Contains(producer.OpType) && !_facts.IsConstant(producer.Inputs[0]))
        {
            tensor = producer.Inputs[0];
            producer = _graph.ProducerOf(tensor);
        }

        return tensor;
    }

    private string Quantize(string tensor, string reason)
    {
        tensor = LevelsSource(tensor);
        if (!_activations.Any(a => a.Tensor == tensor))
        {
            _activations.Add(new ActivationSite(tensor, reason));
        }

        return tensor;
    }
}

/// <summary>A tensor the approximation quantizes, and why.</summary>
internal sealed record ActivationSite(string Tensor, string Reason);

/// <summary>A constant weight operand of <paramref name="Dot"/>, quantized with one scale per slice along <paramref name="OutputAxis"/>.</summary>
internal sealed record WeightSite(string Tensor, SourceNode Dot, int OutputAxis);
