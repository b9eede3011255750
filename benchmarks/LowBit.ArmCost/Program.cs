using System;
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
        var workload = options.SkipPublish ? ExistingWorkload(paths) : Toolchain.PublishWorkload(paths, options.Models);
        var counter = new InstructionCounter(plugin, workload, paths.CountsDirectory, options.Warmup, options.Repeat);
        var costs = options.Models
            .SelectMany(model => CpuVariant.All.Select(cpu => counter.Measure(model, cpu)))
            .ToList();
        var markdown = MarkdownReport.Write(costs, options);
        Console.WriteLine();
        Console.WriteLine(markdown);
        File.WriteAllText(paths.TablesFile, markdown);
        File.WriteAllText(paths.CostsFile, CostsFile.Write(costs));
        Console.Error.WriteLine($"Tables also written to {paths.TablesFile}, counts to {paths.CostsFile}; whole run {clock.Elapsed.TotalSeconds:F0} s.");
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
