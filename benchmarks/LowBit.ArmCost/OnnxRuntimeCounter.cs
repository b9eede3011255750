using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace LowBit.ArmCost;

/// <summary>
/// Counts the ARM instructions of one ONNX Runtime int8 inference the way <see cref="InstructionCounter"/> counts
/// ours: the workload creates the session (all graph optimizations, one intra-op thread), binds input and output
/// once, and calls Run k and k + R times in two runs under qemu with the plugin; per inference = the
/// difference of the loop's region ÷ R, so session creation and the first (cold) runs cancel. The longer run
/// is repeated once, because ONNX Runtime's inferences differ by a few instructions from run to run.
/// </summary>
public sealed class OnnxRuntimeCounter
{
    /// <summary>The loop in OnnxRuntimeWorkload/Program.cs; everything ONNX Runtime executes under Run counts towards it.</summary>
    private const string LoopRoot = "__RunInferences";

    private readonly string _plugin;
    private readonly string _workload;
    private readonly GuestSystem _guest;
    private readonly string _countsDirectory;
    private readonly int _warmup;
    private readonly int _repeat;

    public OnnxRuntimeCounter(string plugin, string workload, GuestSystem guest, string countsDirectory, int warmup, int repeat)
    {
        _plugin = plugin;
        _workload = workload;
        _guest = guest;
        _countsDirectory = countsDirectory;
        _warmup = warmup;
        _repeat = repeat;
    }

    public PeerCost Measure(string network, string onnxModel, CpuVariant cpu)
    {
        var (baseline, baselineChecksum) = Run(network, onnxModel, cpu, _warmup, "");
        var (longer, longerChecksum) = Run(network, onnxModel, cpu, _warmup + _repeat, "");
        var (again, againChecksum) = Run(network, onnxModel, cpu, _warmup + _repeat, ".again");
        if (baselineChecksum != longerChecksum || longerChecksum != againChecksum)
        {
            throw new ArmCostException($"ONNX Runtime on {network}: the output checksum changed between runs ({baselineChecksum}, {longerChecksum}, {againChecksum}).");
        }

        var kinds = longer.InstructionKinds.ToDictionary(k => k.Key, k => k.Value - baseline.InstructionKinds.GetValueOrDefault(k.Key));
        var cost = new PeerCost(network, cpu, longerChecksum, _repeat, Loop(longer) - Loop(baseline), Math.Abs(Loop(again) - Loop(longer)), kinds);
        Console.Error.WriteLine($"  onnxruntime {network,-12} {cpu.Label} (qemu -cpu {cpu.QemuCpu}): {cost.PerInference.ToString("N0", CultureInfo.InvariantCulture),12} instructions per inference (repeat moved it by {cost.Spread.ToString("N0", CultureInfo.InvariantCulture)}), {cost.KernelPath}");
        return cost;
    }

    /// <summary>The loop thread's instructions inside the benchmark loop (the regions entered at the loop's function).</summary>
    private static long Loop(PluginReport report) =>
        report.Regions.Where(r => r.Symbol.EndsWith(LoopRoot, StringComparison.Ordinal)).Sum(r => r.Instructions);

    private (PluginReport Report, string Checksum) Run(string network, string onnxModel, CpuVariant cpu, int inferences, string suffix)
    {
        var counts = Path.Combine(_countsDirectory, $"onnxruntime.{network}.{cpu.QemuCpu}.{inferences}{suffix}.tsv");
        File.Delete(counts);
        var plugin = $"{_plugin},out={counts},root={LoopRoot}";
        string[] arguments = [.. _guest.QemuArguments(cpu), "-plugin", plugin, _workload, onnxModel, inferences.ToString(CultureInfo.InvariantCulture)];
        var run = ProcessRunner.Run("qemu-aarch64", arguments, timeoutSeconds: 900);
        if (run.ExitCode != 0 || !File.Exists(counts))
        {
            throw new ArmCostException($"qemu-aarch64 {string.Join(' ', arguments)} failed (exit {run.ExitCode}):\n{run.Output}");
        }

        var checksum = Regex.Match(run.Output, @"^output checksum: (-?\d+)", RegexOptions.Multiline);
        if (!checksum.Success)
        {
            throw new ArmCostException($"Unexpected ONNX Runtime workload output:\n{run.Output}");
        }

        var report = PluginReport.Read(counts);
        if (Loop(report) == 0)
        {
            throw new ArmCostException($"{counts}: no instructions in the loop's region; was {_workload} published without symbols?");
        }

        return (report, checksum.Groups[1].Value);
    }
}
