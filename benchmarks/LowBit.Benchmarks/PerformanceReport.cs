using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;
using LowBit.Manifest;

namespace LowBit.Benchmarks;

/// <summary>
/// Turns a run's summaries into the markdown tables of docs/performance.md: time, allocation, speed-up
/// against every peer, effective GMAC/s and the fraction of the peak measured on this CPU, and the targets.
/// </summary>
internal static class PerformanceReport
{
    private const string GeneratedPrefix = "Generated ";

    public static string Write(IEnumerable<Summary> summaries, string path)
    {
        var results = summaries.SelectMany(s => s.Reports)
            .Where(r => r.Success && r.ResultStatistics is not null)
            .Select(r => new Result(
                r.BenchmarkCase.Descriptor.Type.Name,
                r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                Parameter(r, "Network") ?? Parameter(r, "Layer") ?? Parameter(r, "Model") ?? "",
                int.TryParse(Parameter(r, "Batch"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int batch) ? batch : 1,
                r.ResultStatistics!.Mean / 1000.0,
                r.ResultStatistics.StandardError / 1000.0,
                r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase)))
            .ToList();

        var text = new StringBuilder();
        var peak = MachinePeak.Measure();
        text.AppendLine($"Machine: {peak.Describe()}; load average at report time {LoadAverage()}.");
        text.AppendLine($"Kernel paths: {IsaInfo.Describe()}.");
        text.AppendLine();
        Networks(text, results.Where(r => r.Class == nameof(NetworkBenchmarks)).ToList(), peak);
        Interpreter(text, results.Where(r => r.Class == nameof(InterpreterBenchmarks)).ToList());
        Layers(text, results.Where(r => r.Class == nameof(LayerBenchmarks)).ToList());
        File.WriteAllText(path, text.ToString());
        return text.ToString();
    }

    private static void Networks(StringBuilder text, List<Result> results, MachinePeak peak)
    {
        foreach (var group in results.GroupBy(r => (r.Model, r.Batch)))
        {
            var (network, batch) = group.Key;
            long macs = Macs(network + "_w8a8") * batch;
            var peers = new[] { "ONNX Runtime int8", "ONNX Runtime fp32", "TorchSharp fp32" }
                .Select(p => (Name: p, Result: group.FirstOrDefault(r => r.Method == p)))
                .Where(p => p.Result is not null)
                .ToList();
            text.AppendLine(Invariant($"### {network}, batch {batch} ({Count(macs / batch)} MACs per sample)"));
            text.AppendLine();
            text.Append("| runtime | µs per batch (± s.e.) | µs per sample | allocated B (process) | allocated B per call (calling thread) | GMAC/s | % of the measured peak of its path |");
            text.AppendLine(string.Concat(peers.Select(p => $" vs {p.Name} |")));
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|" + string.Concat(peers.Select(_ => "---:|")));
            foreach (var r in group)
            {
                double gmacs = macs / (r.MeanMicroseconds * 1e3);
                string threadBytes = r.Method.StartsWith(GeneratedPrefix, StringComparison.Ordinal)
                    ? Count(AllocationProbe.BytesPerCall(network + "_" + r.Method.Substring(GeneratedPrefix.Length).ToLowerInvariant()))
                    : "";
                // Generated rows against the ceiling of the path their precision takes; peers against the best 8-bit-lane rate.
                double ceiling = r.Method.StartsWith(GeneratedPrefix, StringComparison.Ordinal) ? peak.ForPrecision(r.Method.Substring(GeneratedPrefix.Length)) : peak.Best;
                text.Append(Invariant($"| {r.Method} | {r.MeanMicroseconds:N1} ± {r.StandardErrorMicroseconds:N1} | {r.MeanMicroseconds / batch:N1} | {Count(r.AllocatedBytes)} | {threadBytes} | {gmacs:N1} | {gmacs / ceiling:P1} |"));
                text.AppendLine(string.Concat(peers.Select(p => Invariant($" {p.Result!.MeanMicroseconds / r.MeanMicroseconds:N2}× |"))));
            }

            text.AppendLine();
        }

        Targets(text, results);
    }

    /// <summary>The kernel issue's targets: against ONNX Runtime int8 per precision, against TorchSharp, and at batch 64.</summary>
    private static void Targets(StringBuilder text, List<Result> results)
    {
        var lines = new List<string>();
        foreach (var group in results.Where(r => r.Batch == 1).GroupBy(r => r.Model))
        {
            var byMethod = group.ToDictionary(r => r.Method);
            foreach (var (precision, target) in new[] { ("W2A2", 1.5), ("W4A4", 1.0), ("W8A8", 0.7) })
            {
                if (byMethod.TryGetValue("Generated " + precision, out var generated))
                {
                    lines.Add(Target($"{group.Key} {precision} vs ONNX Runtime int8", byMethod, "ONNX Runtime int8", generated, target));
                }
            }

            if (byMethod.TryGetValue("Generated W2A2", out var w2a2))
            {
                lines.Add(Target($"{group.Key} W2A2 vs TorchSharp fp32", byMethod, "TorchSharp fp32", w2a2, 10));
            }
        }

        var resnet64 = results.Where(r => r.Model == "resnet20" && r.Batch == 64).ToDictionary(r => r.Method);
        if (resnet64.TryGetValue("Generated W2A2", out var batched))
        {
            lines.Add(Target("resnet20 W2A2 vs ONNX Runtime int8, batch 64 (per sample)", resnet64, "ONNX Runtime int8", batched, 1.0));
        }

        text.AppendLine("### Targets");
        text.AppendLine();
        text.AppendLine("| comparison | speed-up | target | met |");
        text.AppendLine("|---|---:|---:|---|");
        lines.ForEach(line => text.AppendLine(line));
        text.AppendLine();
    }

    private static string Target(string what, Dictionary<string, Result> results, string peer, Result generated, double target)
    {
        if (!results.TryGetValue(peer, out var baseline))
        {
            return $"| {what} | not measured | {target}× | |";
        }

        double speedup = baseline.MeanMicroseconds / generated.MeanMicroseconds;
        string met = speedup >= target ? "yes" : Invariant($"no: {speedup / target:P0} of the target");
        return Invariant($"| {what} | {speedup:N2}× | {target}× | {met} |");
    }

    private static void Interpreter(StringBuilder text, List<Result> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        text.AppendLine("### Reference interpreter vs generated (W2A2, batch 1)");
        text.AppendLine();
        text.AppendLine("| network | generated µs | interpreter µs | generated speed-up | allocated B (generated / interpreter) |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Model))
        {
            var generated = group.FirstOrDefault(r => r.Method.StartsWith("Generated", StringComparison.Ordinal));
            var interpreter = group.FirstOrDefault(r => r.Method.StartsWith("Interpreter", StringComparison.Ordinal));
            if (generated is null || interpreter is null)
            {
                continue; // a --filter left one side out
            }

            text.AppendLine(Invariant($"| {group.Key} | {generated.MeanMicroseconds:N1} | {interpreter.MeanMicroseconds:N1} | {interpreter.MeanMicroseconds / generated.MeanMicroseconds:N0}× | {Count(generated.AllocatedBytes)} / {Count(interpreter.AllocatedBytes)} |"));
        }

        text.AppendLine();
    }

    private static void Layers(StringBuilder text, List<Result> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        text.AppendLine("### Generated kernels per layer type (batch 1, µs; speed-up over W8A8 in brackets)");
        text.AppendLine();
        text.AppendLine("| layer | MACs | W1A1 | W2A2 | W4A4 | W8A8 | W8A8 GMAC/s | allocated B (process) | allocated B per call (calling thread) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Model))
        {
            var byBits = group.ToDictionary(r => r.Method);
            if (!byBits.TryGetValue("W8A8", out var baseline))
            {
                continue; // a --filter left out the 8-bit baseline the ratios need
            }

            double w8a8 = baseline.MeanMicroseconds;
            long macs = Macs(group.Key + "_w8a8");
            string Cell(string bits) => byBits.TryGetValue(bits, out var r) ? Invariant($"{r.MeanMicroseconds:N1} ({w8a8 / r.MeanMicroseconds:N1}×)") : "";
            text.AppendLine(Invariant($"| {group.Key} | {Count(macs)} | {Cell("W1A1")} | {Cell("W2A2")} | {Cell("W4A4")} | {w8a8:N1} | {macs / (w8a8 * 1e3):N1} | {string.Join(" / ", group.Select(r => Count(r.AllocatedBytes)))} | {string.Join(" / ", group.Select(r => Count(AllocationProbe.BytesPerCall(group.Key + "_" + r.Method.ToLowerInvariant()))))} |"));
        }

        text.AppendLine();
    }

    private static long Macs(string model) => ModelSummary.Create(ModelRegistry.Manifest(model)).Macs;

    private static string? Parameter(BenchmarkReport report, string name) =>
        report.BenchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value?.ToString();

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(long? value) => value is null ? "?" : Count(value.Value);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private sealed record Result(string Class, string Method, string Model, int Batch, double MeanMicroseconds, double StandardErrorMicroseconds, long? AllocatedBytes);
}
