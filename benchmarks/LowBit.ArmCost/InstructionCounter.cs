using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace LowBit.ArmCost;

/// <summary>
/// Counts the ARM instructions of one inference: the workload runs under qemu with the plugin twice,
/// with <c>warmup</c> and with <c>warmup + repeat</c> inferences, and per inference = difference / repeat.
/// Start-up, the first (cold) inferences and exit are the same in both runs, so they cancel.
/// </summary>
public sealed class InstructionCounter
{
    /// <summary>
    /// Functions that start a region in the plugin: the benchmark loop, the model's Predict, its per-layer
    /// methods, the input quantizer, and the whole-layer kernels that simple layers (pooling, flatten) call
    /// straight from Predict once the compiler has inlined their one-line layer methods. Everything else
    /// (dot kernels, runtime helpers) counts towards the root that called it. The whole-layer kernels match
    /// whole names (the plugin's trailing '$'), so a specialization they call (MaxPool2x2) stays in the
    /// region of the layer that called it rather than becoming one region shared by every such layer.
    /// </summary>
    private static readonly string[] Roots =
    {
        "__RunInferences", "__Predict", "__Layer",
        "LowBitLayerKernels__QuantizeInput", "LowBitLayerKernels__MaxPool$", "LowBitLayerKernels__AvgPool$",
        "LowBitLayerKernels__GlobalAvgPool$", "LowBitLayerKernels__Flatten$",
    };

    private readonly string _plugin;
    private readonly string _workload;
    private readonly GuestSystem _guest;
    private readonly string _countsDirectory;
    private readonly int _warmup;
    private readonly int _repeat;

    public InstructionCounter(string plugin, string workload, GuestSystem guest, string countsDirectory, int warmup, int repeat)
    {
        if ((plugin + countsDirectory).Contains(','))
        {
            throw new ArmCostException($"qemu splits -plugin arguments at commas; use a work directory without one ({countsDirectory}).");
        }

        _plugin = plugin;
        _workload = workload;
        _guest = guest;
        _countsDirectory = countsDirectory;
        _warmup = warmup;
        _repeat = repeat;
    }

    public ModelCost Measure(string model, CpuVariant cpu)
    {
        var (baseline, baselineOutput) = Run(model, cpu, _warmup);
        var (longer, longerOutput) = Run(model, cpu, _warmup + _repeat);
        if (baselineOutput.Checksum != longerOutput.Checksum)
        {
            throw new ArmCostException($"{model}: the output checksum changed with the number of inferences ({baselineOutput.Checksum} vs {longerOutput.Checksum}).");
        }

        var cost = new ModelCost(model, cpu, longerOutput.DotPath, longerOutput.Checksum, _repeat, Difference(baseline, longer), DotKernelDifference(baseline, longer), longer.Total - baseline.Total);
        Console.Error.WriteLine($"  {model,-16} {cpu.Label} (qemu -cpu {cpu.QemuCpu}): {cost.PerInference.ToString("N0", CultureInfo.InvariantCulture),12} instructions per inference, {cost.DotPath}");
        return cost;
    }

    /// <summary>Per-region difference of the two runs, for the regions the loop entered (not start-up's region 0).</summary>
    private static IReadOnlyList<RegionDifference> Difference(PluginReport baseline, PluginReport longer)
    {
        var before = baseline.Regions.ToDictionary(r => (r.Symbol, r.From), r => r.Instructions);
        return longer.Regions
            .Where(r => r.Order != 0)
            .Select(r => new RegionDifference(r.Order, r.Symbol, r.Instructions - before.GetValueOrDefault((r.Symbol, r.From))))
            .Where(r => r.Instructions != 0)
            .OrderBy(r => r.Order)
            .ToList();
    }

    /// <summary>Instructions inside the dot-product kernel functions themselves (the GEMM blocks BlockDp, BlockAdvSimd, BinaryBlockAdvSimd, …; Dot4 of grouped convs).</summary>
    private static long DotKernelDifference(PluginReport baseline, PluginReport longer)
    {
        static bool IsGemmKernel(string symbol) =>
            symbol.Contains("LowBitDotKernels__", StringComparison.Ordinal)
            || symbol.Contains("LowBitGemm__Block", StringComparison.Ordinal)
            || symbol.Contains("LowBitGemm__BinaryBlock", StringComparison.Ordinal);

        static long Sum(PluginReport report) => report.Self.Where(s => IsGemmKernel(s.Key)).Sum(s => s.Value);
        return Sum(longer) - Sum(baseline);
    }

    private (PluginReport Report, WorkloadOutput Output) Run(string model, CpuVariant cpu, int inferences)
    {
        var counts = Path.Combine(_countsDirectory, $"{model}.{cpu.QemuCpu}.{inferences}.tsv");
        File.Delete(counts);
        var plugin = $"{_plugin},out={counts}" + string.Concat(Roots.Select(root => ",root=" + root));
        string[] arguments = [.. _guest.QemuArguments(cpu), "-plugin", plugin, _workload, model, inferences.ToString(CultureInfo.InvariantCulture)];
        var run = ProcessRunner.Run("qemu-aarch64", arguments, timeoutSeconds: 900);
        if (run.ExitCode != 0 || !File.Exists(counts))
        {
            throw new ArmCostException($"qemu-aarch64 {string.Join(' ', arguments)} failed (exit {run.ExitCode}):\n{run.Output}");
        }

        var output = WorkloadOutput.Parse(run.Output);
        if (output.DotProductSupported != cpu.HasDotProduct)
        {
            throw new ArmCostException($"{model} under -cpu {cpu.QemuCpu} reported Dp.IsSupported={output.DotProductSupported}, expected {cpu.HasDotProduct}:\n{run.Output}");
        }

        return (PluginReport.Read(counts), output);
    }

    /// <summary>The lines the workload prints after its loop.</summary>
    private sealed record WorkloadOutput(bool DotProductSupported, string DotPath, string Checksum)
    {
        public static WorkloadOutput Parse(string text)
        {
            var dp = Regex.Match(text, @"\bDp=(True|False)\b");
            var path = Regex.Match(text, @"^dot path: (.+)$", RegexOptions.Multiline);
            var checksum = Regex.Match(text, @"^output checksum: (-?\d+)", RegexOptions.Multiline);
            if (!dp.Success || !path.Success || !checksum.Success)
            {
                throw new ArmCostException($"Unexpected workload output:\n{text}");
            }

            return new WorkloadOutput(dp.Groups[1].Value == "True", path.Groups[1].Value.Trim(), checksum.Groups[1].Value);
        }
    }
}

/// <summary>How many more instructions a region executed in the longer run.</summary>
public sealed record RegionDifference(int Order, string Symbol, long Instructions);
