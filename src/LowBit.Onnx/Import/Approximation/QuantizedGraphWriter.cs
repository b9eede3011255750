using System;
using System.Collections.Generic;
using System.Linq;
using Google.Protobuf;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx.Import;

/// <summary>
/// Rewrites a float graph into QONNX: a Quant node on every placed activation and weight, and the dequantizing head
/// when one is needed. Every original node and name stays; a quantized tensor keeps its name (its producer writes
/// "…_float" instead), so consumers and graph outputs read the quantized value unchanged.
/// </summary>
internal sealed class QuantizedGraphWriter
{
    public const string QonnxDomain = "qonnx.custom_op.general";

    private readonly ModelProto _model;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<NodeProto> _nodes = new();

    private QuantizedGraphWriter(SourceGraph graph)
    {
        _model = graph.Model.Clone();
        var g = _model.Graph;
        _names.UnionWith(g.Node.SelectMany(n => n.Input.Concat(n.Output).Append(n.Name)));
        _names.UnionWith(g.Initializer.Select(i => i.Name));
        _names.UnionWith(g.Input.Concat(g.Output).Select(v => v.Name));
    }

    public static SourceGraph Write(SourceGraph graph, QuantizerPlacement placement, IReadOnlyDictionary<string, ActivationGrid> activations, IReadOnlyDictionary<string, float[]> weightScales, GraphFacts facts)
    {
        var writer = new QuantizedGraphWriter(graph);
        writer.Rewrite(graph, placement, activations, weightScales, facts);
        return SourceGraph.Parse(writer._model.ToByteArray(), graph.File);
    }

    private void Rewrite(SourceGraph graph, QuantizerPlacement placement, IReadOnlyDictionary<string, ActivationGrid> activations, IReadOnlyDictionary<string, float[]> weightScales, GraphFacts facts)
    {
        var g = _model.Graph;
        string input = graph.Inputs[0].Name;
        string? quantizedInput = activations.TryGetValue(input, out var inputGrid) ? ActivationQuant(input, Fresh(input + "_quant"), inputGrid) : null;
        var quantizedWeights = new Dictionary<string, string>(StringComparer.Ordinal);
        var replaced = placement.Replaced.Keys.Select(n => n.Output).ToHashSet(StringComparer.Ordinal);
        foreach (var node in g.Node.ToArray())
        {
            if (node.Output.Count == 1 && replaced.Contains(node.Output[0]))
            {
                BecomeIdentity(node);
            }

            for (int i = 0; i < node.Input.Count; i++)
            {
                var site = placement.Weights.FirstOrDefault(w => w.Tensor == node.Input[i] && i == 1);
                if (site is not null && !quantizedWeights.ContainsKey(site.Tensor))
                {
                    quantizedWeights[site.Tensor] = WeightQuant(site, facts.Constants[site.Tensor], weightScales[site.Tensor]);
                }

                if (site is not null)
                {
                    node.Input[i] = quantizedWeights[site.Tensor];
                }
                else if (node.Input[i] == input && quantizedInput is not null)
                {
                    node.Input[i] = quantizedInput;
                }
            }

            _nodes.Add(node);
            for (int o = 0; o < node.Output.Count; o++)
            {
                if (activations.TryGetValue(node.Output[o], out var grid))
                {
                    string name = node.Output[o];
                    node.Output[o] = Fresh(name + "_float");
                    ActivationQuant(node.Output[o], name, grid);
                }
            }
        }

        if (placement.HeadOutput is { } output)
        {
            Head(output, facts.Shapes[output]);
        }

        g.Node.Clear();
        g.Node.AddRange(_nodes);
        if (!_model.OpsetImport.Any(o => o.Domain == QonnxDomain))
        {
            _model.OpsetImport.Add(new OperatorSetIdProto { Domain = QonnxDomain, Version = 1 });
        }
    }

    /// <summary>A quantizer the import refuses passes its input on; the 8-bit quantizer placed before it does the quantizing.</summary>
    private static void BecomeIdentity(NodeProto node)
    {
        string input = node.Input[0];
        node.OpType = "Identity";
        node.Domain = string.Empty;
        node.Input.Clear();
        node.Input.Add(input);
        node.Attribute.Clear();
    }

    private string ActivationQuant(string x, string output, ActivationGrid grid) =>
        Quant(x, output, Constant(x + "_scale", new[] { grid.Scale }), ActivationGrid.Bits, grid.Signed, narrow: grid.Signed);

    private string WeightQuant(WeightSite site, Evaluation.OnnxTensor weights, float[] scales) =>
        Quant(site.Tensor, Fresh(site.Tensor + "_quant"), Constant(site.Tensor + "_scale", scales, WeightGrid.ScaleShape(weights, site.OutputAxis)), WeightGrid.Bits, signed: true, narrow: true);

    private string Quant(string x, string output, string scale, int bits, bool signed, bool narrow)
    {
        var node = new NodeProto { OpType = "Quant", Domain = QonnxDomain, Name = Fresh("Quant_" + output) };
        node.Input.AddRange(new[] { x, scale, Constant(output + "_zero_point", new[] { 0f }), Constant(output + "_bitwidth", new[] { (float)bits }) });
        node.Output.Add(output);
        node.Attribute.Add(new AttributeProto { Name = "signed", Type = AttributeProto.Types.AttributeType.Int, I = signed ? 1 : 0 });
        node.Attribute.Add(new AttributeProto { Name = "narrow", Type = AttributeProto.Types.AttributeType.Int, I = narrow ? 1 : 0 });
        node.Attribute.Add(new AttributeProto { Name = "rounding_mode", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8("ROUND") });
        _nodes.Add(node);
        return output;
    }

    /// <summary>Identity on levels: a 1×1 depthwise Conv with weights 1 ([N, C, H, W]) or a MatMul by the identity ([N, F]); x·1 + 0 is exact in float32.</summary>
    private void Head(string output, int[] shape)
    {
        var producer = _nodes.Last(n => n.Output.Contains(output));
        string levels = Fresh(output + "_levels");
        producer.Output[producer.Output.IndexOf(output)] = levels;
        int channels = shape[1];
        var node = new NodeProto { Name = Fresh("Dequantize_" + output), Domain = string.Empty };
        node.Output.Add(output);
        if (shape.Length == 4)
        {
            node.OpType = "Conv";
            node.Input.AddRange(new[] { levels, Constant(output + "_ones", Enumerable.Repeat(1f, channels).ToArray(), new long[] { channels, 1, 1, 1 }) });
            node.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = channels });
            node.Attribute.Add(new AttributeProto { Name = "kernel_shape", Type = AttributeProto.Types.AttributeType.Ints, Ints = { 1, 1 } });
        }
        else
        {
            node.OpType = "MatMul";
            var identity = Enumerable.Range(0, channels * channels).Select(i => i / channels == i % channels ? 1f : 0f).ToArray();
            node.Input.AddRange(new[] { levels, Constant(output + "_identity", identity, new long[] { channels, channels }) });
        }

        _nodes.Add(node);
    }

    private string Constant(string stem, float[] values, long[]? dims = null)
    {
        var tensor = new TensorProto { Name = Fresh(stem), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims ?? Array.Empty<long>());
        tensor.FloatData.AddRange(values);
        _model.Graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    private string Fresh(string stem)
    {
        string name = stem;
        for (int i = 2; !_names.Add(name); i++)
        {
            name = $"{stem}_{i}";
        }

        return name;
    }
}
