using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>
/// What the importer knows before streamlining: every value that does not depend on the input (constant
/// folding, including the Shape → Gather → Unsqueeze → Concat arithmetic exporters write, with shapes
/// taken as declared and batch 1), and the shape of every value, from one evaluation on a zero sample.
/// </summary>
internal sealed class GraphFacts
{
    /// <summary>Values per input sample the import evaluates (a 1024×1024 RGB image is 3 Mi); a larger declared shape is refused, not allocated.</summary>
    public const long MaxSampleElements = 1 << 24;

    private GraphFacts(Dictionary<string, OnnxTensor> constants, Dictionary<string, int[]> shapes)
    {
        Constants = constants;
        Shapes = shapes;
    }

    public Dictionary<string, OnnxTensor> Constants { get; }

    /// <summary>Shape of every value with the batch dimension set to 1.</summary>
    public Dictionary<string, int[]> Shapes { get; }

    public bool IsConstant(string name) => name.Length == 0 || Constants.ContainsKey(name);

    public OnnxTensor Constant(SourceNode node, int input) =>
        Constants.TryGetValue(node.Inputs[input], out var tensor)
            ? tensor
            : throw OnnxImportException.AtNode(node, $"input {input} ('{node.Inputs[input]}') depends on the model input; expected a constant.");

    public static GraphFacts Collect(SourceGraph graph)
    {
        if (graph.Inputs.Count != 1)
        {
            throw new OnnxImportException($"{graph.File}: the graph has {graph.Inputs.Count} inputs ({string.Join(", ", graph.Inputs.Select(i => i.Name))}); the importer takes models with exactly one.");
        }

        var input = graph.Inputs[0];
        if (input.Shape.Length == 0 || input.Shape.Skip(1).Any(d => d <= 0))
        {
            throw new OnnxImportException($"{graph.File}: input '{input.Name}' has shape [{string.Join(", ", input.Shape)}]; expected a batch dimension followed by fixed dimensions.");
        }

        var sampleShape = input.Shape.Select((d, i) => i == 0 ? 1 : d).ToArray();
        // Saturating, so that no product of declared dimensions can wrap around to a small count.
        if (sampleShape.Aggregate(1L, (count, d) => Math.Min(count * d, MaxSampleElements + 1)) > MaxSampleElements)
        {
            throw new OnnxImportException($"{graph.File}: input '{input.Name}' has shape [{string.Join(", ", input.Shape)}]; the importer takes at most {MaxSampleElements} values per sample.");
        }

        var sample = new OnnxTensor(sampleShape, new double[OnnxTensor.ElementCount(sampleShape)]);
        var values = new Dictionary<string, OnnxTensor>(graph.Initializers, StringComparer.Ordinal) { [input.Name] = sample };
        var constants = new Dictionary<string, OnnxTensor>(graph.Initializers, StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            var outputs = FloatEvaluator.EvaluateNode(node, FloatEvaluator.Gather(node, values));
            bool constant = node.Is("Shape") || node.Inputs.All(name => name.Length == 0 || constants.ContainsKey(name));
            for (int o = 0; o < outputs.Length && o < node.Outputs.Count; o++)
            {
                values[node.Outputs[o]] = outputs[o];
                if (constant)
                {
                    constants[node.Outputs[o]] = outputs[o];
                }
            }
        }

        return new GraphFacts(constants, values.ToDictionary(p => p.Key, p => p.Value.Shape, StringComparer.Ordinal));
    }
}
