using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LowBit.Manifest;
using LowBit.Runtime;

namespace LowBit.Onnx.Import;

/// <summary>
/// Folds the float steps before the first quantizer (e.g. Brevitas's x·2 − 1) and the quantizer itself
/// into the manifest's input quantizer, level = round-half-even(clamp(x / s)) + zp. Both are monotone step
/// functions of x, so they are equal exactly when their step points are; the graph's step points are
/// found by bisection over every float32, and the (s, zp) whose step points match best is chosen.
/// </summary>
internal static class InputQuantizerFit
{
    private const int UlpNeighbours = 8;

    public static (LevelFormat Levels, IReadOnlyList<string> Differences) Fit(FloatInputSymbol input, ActivationQuantizer quantizer)
    {
        Func<float, int> graph = x => quantizer.Level(input.Apply(x), 0);
        if (graph(float.NegativeInfinity) > graph(float.PositiveInfinity))
        {
            throw OnnxImportException.AtNode(quantizer.Node, "the input quantizer decreases with the input (a negative scale before it); the manifest's input quantizer increases.");
        }

        int bits = quantizer.Bits;
        int steps = (1 << bits) - 1;
        var graphSteps = Enumerable.Range(1, steps).Select(j => FloatOrder.SmallestReaching(graph, j)).ToArray();
        int zeroPoint = graph(0f);
        var candidates = new List<float>();
        for (int j = 1; j <= steps; j++)
        {
            double centre = j - zeroPoint - 0.5;
            if (graphSteps[j - 1] is { } t && t != 0 && !float.IsInfinity(t) && t / centre > 0)
            {
                var scale = (float)(t / centre);
                candidates.AddRange(Enumerable.Range(-UlpNeighbours, (2 * UlpNeighbours) + 1).Select(k => FloatOrder.Value(FloatOrder.Key(scale) + k)));
            }
        }

        if (candidates.Count == 0)
        {
            throw OnnxImportException.AtNode(quantizer.Node, "the input quantizer's output does not change with the input; nothing to fit.");
        }

        var best = candidates
            .Select(scale => new LevelFormat(bits, Signed: false, ZeroPoint: zeroPoint, Scale: scale))
            .Select(levels => (Levels: levels, Differences: Differences(graphSteps, levels)))
            .OrderBy(fit => fit.Differences.Count)
            .First();
        return best;
    }

    private static List<string> Differences(float?[] graphSteps, LevelFormat levels)
    {
        var differences = new List<string>();
        for (int j = 1; j <= graphSteps.Length; j++)
        {
            var ours = FloatOrder.SmallestReaching(x => InputQuantizer.Quantize(x, levels), j);
            if (ours != graphSteps[j - 1])
            {
                differences.Add($"level {j} starts at x = {Describe(graphSteps[j - 1])} in the graph but at x = {Describe(ours)} in the manifest");
            }
        }

        return differences;
    }

    private static string Describe(float? x) => x is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "never";
}
