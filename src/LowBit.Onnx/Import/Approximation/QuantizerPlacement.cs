using System;
using System.Collections.Generic;
using System.Linq;

namespace LowBit.Onnx.Import;

/// <summary>
/// Where the approximation puts quantizers so that the exact import can take the float graph: the weights of every
/// Conv/MatMul/Gemm, the activation entering each of them (before any max pool or reshape, which the import applies to
/// levels), both inputs and the output of a residual Add (inputs on one scale, as the import's integer add needs), and
/// a dequantizing head when the graph does not end in a Conv/MatMul/Gemm (the manifest's last layer is one).
/// In a partly quantized graph the quantizers it has stay as they are, except activation Quant nodes the exact import
/// refuses (wider than 8 bits, per-channel scales), which become identities with an 8-bit quantizer before them: only
/// float weights and activations get one.
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
    private readonly Dictionary<SourceNode, string> _replaced = new();

    private QuantizerPlacement(SourceGraph graph, GraphFacts facts)
    {
        _graph = graph;
        _facts = facts;
    }

    /// <summary>Tensors to quantize, each with why, in the order first needed.</summary>
    public IReadOnlyList<ActivationSite> Activations => _activations;

    /// <summary>Weight operands to quantize per output channel.</summary>
    public IReadOnlyList<WeightSite> Weights => _weights;

    /// <summary>Activation Quant nodes the exact import refuses, each with its refusal: the rewrite makes them identities.</summary>
    public IReadOnlyDictionary<SourceNode, string> Replaced => _replaced;

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

        foreach (var quant in _graph.Nodes.Where(n => n.IsQonnx("Quant") && !_facts.IsConstant(n.Inputs[0])))
        {
            if (ImportRefusal(quant) is { } refusal)
            {
                _replaced[quant] = refusal;
            }
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

        if (!QuantizedLater(node.Output))
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
        // The import keeps levels levels through a positive scalar Mul or Div (a MultiThreshold's output scale).
        var producer = _graph.ProducerOf(LevelsSource(tensor));
        while (producer is not null && (producer.Is("Mul") || producer.Is("Div")) && IsPositiveScalarScaling(producer))
        {
            producer = _graph.ProducerOf(LevelsSource(producer.Inputs[0]));
        }

        return producer is not null && (IsKeptQuantizer(producer) || producer.Is("DequantizeLinear") || producer.Is("QLinearConv") || producer.Is("QLinearMatMul"));
    }

    /// <summary>
    /// Whether the graph quantizes <paramref name="tensor"/> itself: a quantizer consumes it, possibly after float steps
    /// the import folds into that quantizer (Add → Relu → Quant) or ops on levels, each the tensor's only consumer.
    /// </summary>
    private bool QuantizedLater(string tensor)
    {
        var consumers = _graph.Consumers(tensor).ToArray();
        if (consumers.Any(IsKeptQuantizer))
        {
            return true;
        }

        return consumers.Length == 1 && consumers[0].Domain == OperatorDomain.Onnx && (FloatSteps.Contains(consumers[0].OpType) || OnLevels.Contains(consumers[0].OpType))
            && consumers[0].Inputs.Count(name => !_facts.IsConstant(name)) == 1 && QuantizedLater(consumers[0].Output);
    }

    private bool IsKeptQuantizer(SourceNode node) => ActivationQuantizer.IsQuantizer(node) && !_replaced.ContainsKey(node);

    private bool IsPositiveScalarScaling(SourceNode node) =>
        node.Inputs.Count == 2 && !_facts.IsConstant(node.Inputs[0]) && _facts.Constants.TryGetValue(node.Inputs[1], out var k) && k.Values.Distinct().Count() == 1 && k.Values[0] > 0;

    /// <summary>Why the exact import would refuse this activation Quant (it reads it the same way), or null.</summary>
    private string? ImportRefusal(SourceNode quant)
    {
        var shape = _facts.Shapes[quant.Inputs[0]];
        try
        {
            ActivationQuantizer.FromNode(quant, _facts, shape.Length > 1 ? shape[1] : 1);
            return null;
        }
        catch (OnnxImportException e)
        {
            return e.Message;
        }
    }

    /// <summary>The tensor the import meets first on the way back from <paramref name="tensor"/>: before max pools and reshapes, which it applies to levels, and replaced quantizers.</summary>
    private string LevelsSource(string tensor)
    {
        var producer = _graph.ProducerOf(tensor);
        while (producer is not null && ((producer.Domain == OperatorDomain.Onnx && OnLevels.Contains(producer.OpType)) || _replaced.ContainsKey(producer)) && !_facts.IsConstant(producer.Inputs[0]))
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
