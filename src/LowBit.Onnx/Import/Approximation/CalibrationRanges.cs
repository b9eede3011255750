using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>The range each tensor to be quantized takes over the calibration inputs, from the float graph's own evaluation.</summary>
internal static class CalibrationRanges
{
    /// <param name="samples">One array per input sample, the graph input's values in C order.</param>
    public static Dictionary<string, (double Min, double Max)> Measure(SourceGraph graph, IReadOnlyCollection<string> tensors, IEnumerable<double[]> samples)
    {
        var evaluator = new FloatEvaluator(graph);
        var input = graph.Inputs[0];
        var sampleShape = input.Shape.Select((d, i) => i == 0 ? 1 : d).ToArray();
        var ranges = tensors.ToDictionary(t => t, _ => (Min: double.PositiveInfinity, Max: double.NegativeInfinity), StringComparer.Ordinal);
        // One sample at a time: a 200×200 image's intermediate maps are megabytes each, kept here until the graph ends.
        foreach (var sample in samples)
        {
            var values = evaluator.Run(new Dictionary<string, OnnxTensor> { [input.Name] = new(sampleShape, sample) }, tensors);
            foreach (var tensor in tensors)
            {
                var (min, max) = ranges[tensor];
                foreach (double v in values[tensor].Values)
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }

                ranges[tensor] = (min, max);
            }
        }

        return ranges;
    }
}
