using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LowBit.TestModels;
using Xunit.Abstractions;

namespace LowBit.Generators.Tests;

/// <summary>
/// The ARM cost model of benchmarks/LowBit.ArmCost: its driver builds the qemu plugin, publishes the workload
/// NativeAOT for linux-arm64 and counts instructions per inference; the counts repeat exactly from run to
/// run; W2A2 costs fewer than W8A8 on every CPU model, and on the dot-product CPU (Cortex-A76) at most 0.6× of
/// the peer, ONNX Runtime int8 on the MNIST CNN's QDQ export, which the same run counts on every CPU model.
/// </summary>
[Trait("Category", "Arm64")]
public sealed class ArmInstructionCountTests
{
    /// <summary>What the count needs besides the SDK: a C compiler for the plugin, qemu, the NativeAOT cross toolchain.</summary>
    private const string Packages = "gcc qemu-user libc6:arm64 " + NativeAotMnistAppTests.CrossPackages;

    private readonly ITestOutputHelper _log;

    public ArmInstructionCountTests(ITestOutputHelper log) => _log = log;

    [Fact]
    public void Counts_repeat_exactly_and_W2A2_costs_at_most_0_6x_of_OnnxRuntime_int8_on_a_dot_product_CPU()
    {
        RequireTools();
        using var temp = new TemporaryDirectory();
        var work = temp.File("work");
        var count = DotnetCli.Run(RepositoryPaths.Root, new[]
        {
            "run", "-c", "Release", "--project", "benchmarks/LowBit.ArmCost", "--artifacts-path", temp.File("driver"),
            "--", "--models", "mnist_cnn_w2a2,mnist_cnn_w8a8", "--warmup", "1", "--repeat", "2", "--work", work,
        }, timeoutSeconds: 900);
        _log.WriteLine(count.Output);
        Assert.True(count.ExitCode == 0, $"The ARM cost driver failed (it needs: apt-get install -y {Packages}):\n{count.Output}");

        var costs = ReadCosts(Path.Combine(work, "costs.tsv"));
        foreach (var cpu in new[] { "cortex-a76", "max", "cortex-a72" })
        {
            double w2a2 = costs[("mnist_cnn_w2a2", cpu)], w8a8 = costs[("mnist_cnn_w8a8", cpu)];
            double peer = costs.GetValueOrDefault(("onnxruntime_int8:mnist_cnn", cpu));
            Assert.True(w2a2 > 0 && w8a8 > 0, $"-cpu {cpu}: W2A2 counted {w2a2:N0} instructions per inference, W8A8 {w8a8:N0}.");
            Assert.True(peer > 0, $"-cpu {cpu}: no ONNX Runtime int8 count for mnist_cnn.");

            // Both precisions run on SDOT where the CPU has it, but only the low-bit one has int16 sums, so its
            // epilogue compares 8 channels per instruction; without SDOT the int16 path also widens far less often.
            Assert.True(w2a2 < w8a8, $"-cpu {cpu}: W2A2 counted {w2a2:N0} instructions per inference, W8A8 {w8a8:N0}.");
            if (cpu == "cortex-a76")
            {
                // The DSQ paper's ARM claim against an int8 library, here ONNX Runtime's own UDOT kernels: 1.7× fewer.
                Assert.True(w2a2 <= 0.6 * peer, $"-cpu {cpu}: W2A2 counted {w2a2:N0} instructions per inference, ONNX Runtime int8 {peer:N0} ({w2a2 / peer:F3}×, expected ≤ 0.6×).");
            }
        }

        var first = LoopThreadRegions(work, "first");
        var second = LoopThreadRegions(work, "second");
        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    private static void RequireTools()
    {
        Assert.True(ChildProcess.FindOnPath("qemu-aarch64") is not null, $"qemu-aarch64 is not installed; install: apt-get install -y {Packages} (.ci/run installs them).");
        Assert.True(ChildProcess.FindOnPath("gcc") is not null, $"gcc (for the qemu plugin) is not installed; install: apt-get install -y {Packages}.");
        Assert.True(ChildProcess.FindOnPath("clang") is not null && File.Exists("/usr/aarch64-linux-gnu/lib/crt1.o"), $"The arm64 NativeAOT cross toolchain is missing; install: apt-get install -y {Packages}.");
    }

    /// <summary>(model, qemu CPU) → instructions per inference, from the driver's costs.tsv.</summary>
    private static Dictionary<(string Model, string Cpu), double> ReadCosts(string path) =>
        File.ReadLines(path).Skip(1)
            .Select(line => line.Split('\t'))
            .ToDictionary(f => (f[0], f[1]), f => double.Parse(f[3], CultureInfo.InvariantCulture));

    /// <summary>
    /// One more run of the published workload under the plugin; its region lines apart from region 0 (start-up
    /// and the runtime's other threads, whose interleaving may add or drop a few instructions of libc spinning).
    /// </summary>
    private IReadOnlyList<string> LoopThreadRegions(string work, string name)
    {
        var counts = Path.Combine(work, name + ".tsv");
        var plugin = $"{Path.Combine(work, "insn-count.so")},out={counts},root=__RunInferences,root=__Predict,root=__Layer";
        var run = ChildProcess.Run("qemu-aarch64", new[] { "-cpu", "max", "-plugin", plugin, Path.Combine(work, "linux-arm64", "LowBit.ArmCost.Workload"), "mnist_cnn_w2a2", "2" }, timeoutSeconds: 300);
        _log.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0 && File.Exists(counts), $"The workload failed under qemu with the plugin:\n{run.Output}");
        return File.ReadLines(counts)
            .Where(line => line.StartsWith("region\t", StringComparison.Ordinal) && line.Split('\t')[2] != "0")
            .ToList();
    }
}
