using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using LowBit.Manifest;

namespace LowBit.ArmCost;

/// <summary>The markdown tables RESULTS.md is made of: ours vs ONNX Runtime int8, per model, W8A8 ratios, per layer, and the checks.</summary>
public static class MarkdownReport
{
    public static string Write(IReadOnlyList<ModelCost> costs, IReadOnlyList<PeerCost> peers, CountOptions options)
    {
        var summaries = costs.Select(c => c.Model).Distinct().ToDictionary(m => m, m => ModelSummary.Create(BenchmarkModelFiles.Read(m)));
        var text = new StringBuilder();
        text.AppendLine($"ARM instructions per inference, counted under qemu-aarch64 with insn-count.c: runs of {options.Warmup} and {options.Warmup + options.Repeat} inferences, difference ÷ {options.Repeat}. " +
                        $"CPUs: {string.Join("; ", CpuVariant.All.Select(c => c.Description))}.");
        text.AppendLine();
        if (peers.Count > 0)
        {
            VersusOnnxRuntime(text, costs, peers);
        }

        PerModel(text, costs, summaries);
        Ratios(text, costs);
        foreach (var architecture in costs.Select(c => BenchmarkModelFiles.Architecture(c.Model)).Distinct())
        {
            PerLayer(text, architecture, costs.Where(c => BenchmarkModelFiles.Architecture(c.Model) == architecture).ToList(), summaries);
        }

        Checks(text, costs);
        return text.ToString();
    }

    /// <summary>
    /// Ours ÷ ONNX Runtime int8 per network, precision and CPU. ONNX Runtime always runs the network's W8A8 model
    /// (the QDQ export), so one peer figure per network and CPU stands against every precision of ours.
    /// </summary>
    private static void VersusOnnxRuntime(StringBuilder text, IReadOnlyList<ModelCost> costs, IReadOnlyList<PeerCost> peers)
    {
        text.AppendLine("#### Ours vs ONNX Runtime int8");
        text.AppendLine();
        text.AppendLine("| network | precision | " + string.Join(" | ", CpuVariant.All.Select(c => $"{c.Label}: ours | {c.Label}: ONNX Runtime int8 | {c.Label}: ours ÷ ORT")) + " |");
        text.AppendLine("|---|---|" + string.Concat(CpuVariant.All.Select(_ => "--:|--:|--:|")));
        foreach (var network in peers.Select(p => p.Network).Distinct())
        {
            foreach (var model in costs.Select(c => c.Model).Distinct().Where(m => BenchmarkModelFiles.Architecture(m) == network))
            {
                var cells = CpuVariant.All.Select(cpu =>
                {
                    var ours = Find(costs, model, cpu);
                    var peer = peers.FirstOrDefault(p => p.Network == network && p.Cpu == cpu);
                    string ratio = ours is null || peer is null ? "—" : (ours.PerInference / peer.PerInference).ToString("F2", CultureInfo.InvariantCulture) + "×";
                    return $"{Count(ours?.PerInference)} | {Count(peer?.PerInference)} | {ratio}";
                });
                text.AppendLine($"| {network} | {BenchmarkModelFiles.Precision(model)} | {string.Join(" | ", cells)} |");
            }
        }

        text.AppendLine();
        text.AppendLine("ONNX Runtime int8: the QDQ export of the network's W8A8 manifest (`lowbit export --onnx --flavor qdq`), run by the linux-arm64 `libonnxruntime.so` of the Microsoft.ML.OnnxRuntime package the benchmarks reference, all graph optimizations, one intra-op thread, input and output bound once; the instructions of the loop thread from the call of `Run` to its return. Its kernel path, from the dot-product and int8 matrix-multiply instructions it executed per inference:");
        text.AppendLine();
        text.AppendLine("| network | CPU | ONNX Runtime int8: instructions | repeat moved it by | SDOT/UDOT/MMLA instructions per inference |");
        text.AppendLine("|---|---|--:|--:|---|");
        foreach (var peer in peers)
        {
            text.AppendLine($"| {peer.Network} | {peer.Cpu.Label} | {Count(peer.PerInference)} | {Count(peer.Spread)} | {peer.KernelPath} |");
        }

        text.AppendLine();
    }

    private static void PerModel(StringBuilder text, IReadOnlyList<ModelCost> costs, Dictionary<string, ModelSummary> summaries)
    {
        text.AppendLine("#### Per model");
        text.AppendLine();
        text.AppendLine("| model | MACs | " + string.Join(" | ", CpuVariant.All.Select(c => $"{c.Label}: instructions | per MAC | in GEMM kernels")) + " | GEMM path (" + string.Join(" / ", CpuVariant.All.Select(c => c.Label)) + ") |");
        text.AppendLine("|---|--:|" + string.Concat(CpuVariant.All.Select(_ => "--:|--:|--:|")) + "---|");
        foreach (var model in costs.Select(c => c.Model).Distinct())
        {
            long macs = summaries[model].Macs;
            var perCpu = CpuVariant.All.Select(cpu => Find(costs, model, cpu)).ToList();
            text.AppendLine($"| {model} | {Count(macs)} | " + string.Join(" | ", perCpu.Select(c => $"{Count(c?.PerInference)} | {PerMac(c, macs)} | {Share(c)}")) + " | " + string.Join(" / ", perCpu.Select(c => c?.DotPath ?? "—")) + " |");
        }

        text.AppendLine();
        text.AppendLine("\"in GEMM kernels\": share of the instructions executed inside the GEMM block kernels (`BlockDp` / `BlockAdvSimd` / `BinaryBlockAdvSimd`, requantization epilogue included); the rest is padding copies, depthwise and pooling layers, input quantization and loop control.");
        text.AppendLine();
    }

    private static void Ratios(StringBuilder text, IReadOnlyList<ModelCost> costs)
    {
        text.AppendLine("#### W8A8 instructions ÷ low-bit instructions (higher = the low-bit model is cheaper)");
        text.AppendLine();
        text.AppendLine("| architecture | CPU | W8A8 ÷ W1A1 | W8A8 ÷ W2A2 | W8A8 ÷ W4A4 |");
        text.AppendLine("|---|---|--:|--:|--:|");
        foreach (var architecture in costs.Select(c => BenchmarkModelFiles.Architecture(c.Model)).Distinct())
        {
            foreach (var cpu in CpuVariant.All)
            {
                var w8 = Find(costs, architecture + "_w8a8", cpu);
                string Ratio(string precision) =>
                    Find(costs, architecture + "_" + precision, cpu) is { } low && w8 is not null
                        ? (w8.PerInference / low.PerInference).ToString("F2", CultureInfo.InvariantCulture) + "×"
                        : "—";
                text.AppendLine($"| {architecture} | {cpu.Label} | {Ratio("w1a1")} | {Ratio("w2a2")} | {Ratio("w4a4")} |");
            }
        }

        text.AppendLine();
    }

    private static void PerLayer(StringBuilder text, string architecture, IReadOnlyList<ModelCost> costs, Dictionary<string, ModelSummary> summaries)
    {
        var columns = costs.Where(c => c.Cpu.InPerLayerTables).OrderBy(c => c.Model, StringComparer.Ordinal).ThenBy(c => c.Cpu.HasDotProduct ? 0 : 1).ToList();
        var breakdowns = columns.Select(c => LayerAttribution.Attribute(summaries[c.Model].Manifest, c)).ToList();
        var layers = summaries[columns[0].Model].Layers;
        text.AppendLine($"#### Per layer: {architecture}");
        text.AppendLine();
        text.AppendLine("| part | MACs | " + string.Join(" | ", columns.Select(c => $"{BenchmarkModelFiles.Precision(c.Model)} {c.Cpu.Label}")) + " |");
        text.AppendLine("|---|--:|" + string.Concat(columns.Select(_ => "--:|")));
        void Row(string part, string macs, Func<LayerBreakdown, double?> value) =>
            text.AppendLine($"| {part} | {macs} | " + string.Join(" | ", breakdowns.Select(b => Count(value(b)))) + " |");

        Row("input quantizer", "", b => b.InputQuantizer);
        for (int i = 0; i < layers.Count; i++)
        {
            int index = i;
            Row($"{layers[i].Id} ({layers[i].Op.ToName()})", layers[i].Macs == 0 ? "" : Count(layers[i].Macs), b => b.Layers[index]);
        }

        Row("Predict itself (calls, inlined layers)", "", b => b.Predict);
        Row("benchmark loop", "", b => b.Loop);
        if (breakdowns.Any(b => b.Other != 0))
        {
            Row("other (unattributed)", "", b => b.Other);
        }

        Row("**total**", Count(summaries[columns[0].Model].Macs), b => b.Total);
        text.AppendLine();
        if (breakdowns.Any(b => b.Layers.Any(l => l is null)))
        {
            text.AppendLine("— : the layer has no code of its own (its method was inlined into Predict and calls no whole-layer kernel); its instructions are in \"Predict itself\".");
            text.AppendLine();
        }
    }

    private static void Checks(StringBuilder text, IReadOnlyList<ModelCost> costs)
    {
        var inexact = costs.Where(c => !c.Exact).Select(c => $"{c.Model} ({c.Cpu.Label})").ToList();
        double worstProcessGap = costs.Max(c => Math.Abs(c.ProcessPerInference - c.PerInference));
        var checksumMismatches = costs.GroupBy(c => c.Model).Where(g => g.Select(c => c.Checksum).Distinct().Count() > 1).Select(g => g.Key).ToList();
        text.AppendLine("#### Checks");
        text.AppendLine();
        text.AppendLine($"- Extra instructions divisible by the extra inferences (identical inferences): {(inexact.Count == 0 ? "yes, every model and CPU" : "NO for " + string.Join(", ", inexact))}.");
        text.AppendLine($"- Whole process (all threads, start-up and exit included) per extra inference vs. the loop thread's regions: largest gap {worstProcessGap.ToString("F1", CultureInfo.InvariantCulture)} instructions (the runtime's other threads at start-up; this figure alone varies by a few instructions between runs).");
        text.AppendLine($"- Output checksum equal with and without Dp (both kernel paths bit-exact): {(checksumMismatches.Count == 0 ? "yes, every model" : "NO for " + string.Join(", ", checksumMismatches))}.");
    }

    private static ModelCost? Find(IReadOnlyList<ModelCost> costs, string model, CpuVariant cpu) =>
        costs.FirstOrDefault(c => c.Model == model && c.Cpu == cpu);

    private static string PerMac(ModelCost? cost, long macs) =>
        cost is null || macs == 0 ? "—" : (cost.PerInference / macs).ToString("F3", CultureInfo.InvariantCulture);

    private static string Share(ModelCost? cost) =>
        cost is null ? "—" : (100 * cost.DotKernelPerInference / cost.PerInference).ToString("F0", CultureInfo.InvariantCulture) + "%";

    private static string Count(double? value) =>
        value is not double v ? "—"
        : v == Math.Floor(v) ? v.ToString("N0", CultureInfo.InvariantCulture)
        : v.ToString("N1", CultureInfo.InvariantCulture);
}
