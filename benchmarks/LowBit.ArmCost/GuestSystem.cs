using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace LowBit.ArmCost;

/// <summary>
/// What the arm64 guest sees of the system besides its CPU: qemu-user passes the host's files through, so
/// /proc/cpuinfo is the x86 host's, which ONNX Runtime's cpuinfo library parses as an ARM one (on a Zen 3 host
/// it dereferences NULL during start-up; a fixed ARM file claiming more than the emulated CPU makes it pick
/// kernels that trap). Each CPU variant gets a root holding the /proc/cpuinfo an arm64 kernel would show for
/// it, printed in the guest by guest-cpuinfo.c from its HWCAPs and MIDR; <c>qemu -L</c> serves files from that
/// root first and everything else from the host.
/// </summary>
public sealed class GuestSystem
{
    private readonly string _root;

    private GuestSystem(string root) => _root = root;

    public static GuestSystem Prepare(WorkPaths paths, IEnumerable<CpuVariant> cpus)
    {
        var source = RepositoryRoot.Combine("benchmarks", "LowBit.ArmCost", "guest-cpuinfo.c");
        var probe = Path.Combine(paths.Root, "guest-cpuinfo");
        var gcc = ProcessRunner.Run("aarch64-linux-gnu-gcc", new[] { "-static", "-O2", "-Wall", "-Wextra", "-Werror", "-o", probe, source }, timeoutSeconds: 120);
        if (gcc.ExitCode != 0)
        {
            throw new ArmCostException($"aarch64-linux-gnu-gcc could not build {source} (apt-get install -y gcc-aarch64-linux-gnu libc6-dev-arm64-cross):\n{gcc.Output}");
        }

        var system = new GuestSystem(Path.Combine(paths.Root, "guest"));
        foreach (var cpu in cpus)
        {
            var arguments = new[] { "-cpu", cpu.QemuCpu, probe, Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture) };
            var run = ProcessRunner.Run("qemu-aarch64", arguments, timeoutSeconds: 60);
            if (run.ExitCode != 0 || !run.Output.Contains("CPU part", StringComparison.Ordinal))
            {
                throw new ArmCostException($"qemu-aarch64 {string.Join(' ', arguments)} failed (exit {run.ExitCode}):\n{run.Output}");
            }

            var cpuinfo = Path.Combine(system.RootOf(cpu), "proc", "cpuinfo");
            Directory.CreateDirectory(Path.GetDirectoryName(cpuinfo)!);
            File.WriteAllText(cpuinfo, run.Output);
        }

        return system;
    }

    /// <summary>qemu-aarch64's arguments that emulate <paramref name="cpu"/> with its system files.</summary>
    public string[] QemuArguments(CpuVariant cpu) => new[] { "-L", RootOf(cpu), "-cpu", cpu.QemuCpu };

    private string RootOf(CpuVariant cpu) => Path.Combine(_root, cpu.QemuCpu);
}
