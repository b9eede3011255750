using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace LowBit.ArmCost;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/LowBit.ArmCost -- [options]</c>: ARM instructions per
/// inference of the benchmark models, counted under qemu-aarch64 (see README.md beside this file).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        CountOptions options;
        try
        {
            options = CountOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(CountOptions.Usage);
            return 2;
        }
        catch (ArmCostException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        if (options.ShowHelp)
        {
            Console.WriteLine(CountOptions.Usage);
            return 0;
        }

        try
        {
            Count(options);
            return 0;
        }
        catch (ArmCostException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }

    private static void Count(CountOptions options)
    {
        var clock = Stopwatch.StartNew();
        var paths = new WorkPaths(options.WorkDirectory);
        BenchmarkModelFiles.RequireFiles(options.Models);
        Toolchain.RequireTools();
        var plugin = Toolchain.BuildPlugin(paths);
        var guest = GuestSystem.Prepare(paths, CpuVariant.All);
        var workload = options.SkipPublish ? ExistingWorkload(paths) : Toolchain.PublishWorkload(paths, options.Models);
        var counter = new InstructionCounter(plugin, workload, guest, paths.CountsDirectory, options.Warmup, options.Repeat);
        var costs = options.Models
            .SelectMany(model => CpuVariant.All.Select(cpu => counter.Measure(model, cpu)))
            .ToList();
        var peers = CountOnnxRuntime(options, paths, plugin, guest);
        var markdown = MarkdownReport.Write(costs, peers, options);
        Console.WriteLine();
        Console.WriteLine(markdown);
        File.WriteAllText(paths.TablesFile, markdown);
        File.WriteAllText(paths.CostsFile, CostsFile.Write(costs, peers));
        Console.Error.WriteLine($"Tables also written to {paths.TablesFile}, counts to {paths.CostsFile}; whole run {clock.Elapsed.TotalSeconds:F0} s.");
    }

    /// <summary>ONNX Runtime int8 on the QDQ export of every whole network among the models, on every CPU.</summary>
    private static IReadOnlyList<PeerCost> CountOnnxRuntime(CountOptions options, WorkPaths paths, string plugin, GuestSystem guest)
    {
        var networks = BenchmarkModelFiles.PeerNetworks
            .Where(network => options.Models.Any(model => BenchmarkModelFiles.Architecture(model) == network))
            .ToList();
        if (!options.OnnxRuntime || networks.Count == 0)
        {
            return Array.Empty<PeerCost>();
        }

        var workload = options.SkipPublish && File.Exists(paths.OnnxRuntimeWorkloadBinary)
            ? paths.OnnxRuntimeWorkloadBinary
            : Toolchain.PublishOnnxRuntimeWorkload(paths);
        var counter = new OnnxRuntimeCounter(plugin, workload, guest, paths.CountsDirectory, options.Warmup, options.Repeat);
        return networks
            .SelectMany(network =>
            {
                var model = QdqExport.Write(paths, network);
                return CpuVariant.All.Select(cpu => counter.Measure(network, model, cpu));
            })
            .ToList();
    }

    private static string ExistingWorkload(WorkPaths paths) =>
        File.Exists(paths.WorkloadBinary)
            ? paths.WorkloadBinary
            : throw new ArmCostException($"--skip-publish: there is no published workload at {paths.WorkloadBinary}; run once without it.");
}

/// <summary>A failure the user can act on (missing tool, failed publish, a run that took the wrong path).</summary>
public sealed class ArmCostException : Exception
{
    public ArmCostException(string message)
        : base(message)
    {
    }
}
