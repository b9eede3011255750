using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>
/// Post-training quantization of a float network, composed from the exact import: Quant nodes are inserted into the
/// graph (8-bit weights per output channel, 8-bit activations from calibrated ranges), the exact QONNX import takes
/// the rewritten graph, and the imported model is compared with the original float graph on random inputs.
/// </summary>
internal static class ApproximateImport
{
    /// <summary>2^6 = 64, the largest integer ratio of input scales the import's residual add takes.</summary>
    private const int MaxAddShift = 6;

    /// <param name="exactRefusal">Why the exact import refused a partly quantized graph; null for a graph that quantizes no activation.</param>
    public static ImportResult Run(SourceGraph graph, ImportOptions options, string? exactRefusal)
    {
        try
        {
            return Approximate(graph, options, exactRefusal);
        }
        catch (OnnxImportException e) when (exactRefusal is not null)
        {
            throw new OnnxImportException($"{exactRefusal} --approximate cannot take it either: {WithoutFile(e.Message, graph.File)}", e);
        }
    }

    private static ImportResult Approximate(SourceGraph graph, ImportOptions options, string? exactRefusal)
    {
        var approximation = options.Approximate!;
        var facts = GraphFacts.Collect(graph);
        var placement = QuantizerPlacement.Find(graph, facts);
        if (exactRefusal is not null && placement.Activations.Count == 0 && placement.Weights.Count == 0 && placement.HeadOutput is null)
        {
            throw new OnnxImportException("every weight and activation is quantized already, and it adds quantizers only where the graph has none (or replaces an activation Quant the import refuses).");
        }

        var log = new List<string>();
        var (calibration, source) = CalibrationSamples(graph, approximation);
        log.Add(exactRefusal is null
            ? $"approximate: the graph quantizes no activation; calibrating 8-bit activations on {source}"
            : $"approximate: the exact import refused ({exactRefusal.TrimEnd('.')}); keeping the graph's quantizers and adding 8-bit ones where it has none, calibrated on {source}");
        var ranges = CalibrationRanges.Measure(graph, placement.Activations.Select(a => a.Tensor).ToArray(), calibration);
        var grids = Grids(placement, ranges, approximation.PowerOfTwoScales);
        foreach (var (quant, refusal) in placement.Replaced)
        {
            log.Add($"approximate: Quant '{quant.Name}' becomes an identity, its input quantized to 8 bits instead (the exact import refuses it: {refusal})");
        }

        foreach (var site in placement.Activations)
        {
            var (min, max) = ranges[site.Tensor];
            log.Add($"approximate: Quant on '{site.Tensor}' ({site.Reason}): calibrated range [{min:G4}, {max:G4}] → {grids[site.Tensor]}");
        }

        var scales = placement.Weights.ToDictionary(w => w.Tensor, w => WeightGrid.Scales(facts.Constants[w.Tensor], w.OutputAxis, approximation.PowerOfTwoScales), StringComparer.Ordinal);
        foreach (var site in placement.Weights)
        {
            var s = scales[site.Tensor];
            log.Add($"approximate: Quant on weights '{site.Tensor}' of {site.Dot.OpType} '{site.Dot.Name}': s8 narrow, {s.Length} per-channel scales max|w|/127{(approximation.PowerOfTwoScales ? " rounded up to powers of two" : string.Empty)} in [{s.Min():G4}, {s.Max():G4}]");
        }

        if (placement.HeadOutput is { } head)
        {
            log.Add($"approximate: the graph ends in levels, not a Conv/MatMul/Gemm; an identity layer (weights 1) dequantizes '{head}'");
        }

        var quantized = QuantizedGraphWriter.Write(graph, placement, grids, scales, facts);
        var exact = OnnxImporter.Import(quantized, options with { Approximate = null });
        log.AddRange(exact.Log);
        var random = RandomSamples(graph, approximation.Samples, approximation.Seed + 1);
        var comparison = ImportCheck.Compare(graph, exact.Manifest, random.SelectMany(s => s).Select(v => (float)v).ToArray(), approximation.Samples);
        var report = new ApproximationReport(quantized, comparison, exact.Manifest.OutputLayer.OutputShape.Rank == 1);
        log.Add(report.ToString());
        return new ImportResult(exact.Manifest, log, exact.InputDifferences) { Approximation = report };
    }

    /// <summary>
    /// Each tensor's own grid, except that tensors joined by residual Adds take the widest one's scale divided by a power of
    /// two up to 64: the import's integer add needs its inputs' scales in a ratio of small integers, exactly, and a power
    /// of two divides a float32 scale exactly. A narrow branch (the residual block's shortcut spans 4, its other input 574)
    /// then keeps up to 64 times finer levels than one common scale would give it.
    /// </summary>
    private static Dictionary<string, ActivationGrid> Grids(QuantizerPlacement placement, Dictionary<string, (double Min, double Max)> ranges, bool powerOfTwo)
    {
        var own = placement.Activations.ToDictionary(a => a.Tensor, a => ActivationGrid.For(ranges[a.Tensor].Min, ranges[a.Tensor].Max, powerOfTwo), StringComparer.Ordinal);
        var grids = new Dictionary<string, ActivationGrid>(StringComparer.Ordinal);
        foreach (var group in placement.Activations.GroupBy(a => placement.ScaleGroup(a.Tensor)))
        {
            float widest = group.Max(a => own[a.Tensor].Scale);
            foreach (var site in group)
            {
                int shift = Math.Clamp((int)Math.Floor(Math.Log2(widest / own[site.Tensor].Scale)), 0, MaxAddShift);
                grids[site.Tensor] = own[site.Tensor] with { Scale = (float)Math.ScaleB(widest, -shift) };
            }
        }

        return grids;
    }

    private static string WithoutFile(string message, string file) =>
        message.StartsWith(file + ": ", StringComparison.Ordinal) ? message[(file.Length + 2)..] : message;

    private static (IReadOnlyList<double[]> Samples, string Source) CalibrationSamples(SourceGraph graph, ApproximationOptions options)
    {
        if (options.Calibration is not { } data)
        {
            return (RandomSamples(graph, options.RandomCalibrationSamples, options.Seed), $"{options.RandomCalibrationSamples} random inputs uniform in [0, 1] (no calibration data given; real inputs, --calibrate x.npy, give better ranges)");
        }

        int length = SampleLength(graph);
        if (data.Shape.Length == 0 || data.Shape[0] == 0 || data.Values.Length != (long)data.Shape[0] * length)
        {
            throw new OnnxImportException($"calibration data {options.CalibrationName ?? string.Empty} has shape [{string.Join(", ", data.Shape)}]; expected [samples, …] with {length} values per sample (graph input '{graph.Inputs[0].Name}').");
        }

        var samples = Enumerable.Range(0, data.Shape[0]).Select(i => data.Values.AsSpan(i * length, length).ToArray()).ToArray();
        return (samples, $"{samples.Length} inputs from {options.CalibrationName ?? "the calibration data"}");
    }

    private static double[][] RandomSamples(SourceGraph graph, int count, int seed)
    {
        var random = new Random(seed);
        int length = SampleLength(graph);
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, length).Select(_ => (double)(float)random.NextDouble()).ToArray()).ToArray();
    }

    private static int SampleLength(SourceGraph graph) => graph.Inputs[0].Shape.Skip(1).Aggregate(1, (p, d) => p * d);
}
