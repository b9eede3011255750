using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LowBit.ArmCost;

/// <summary>Checks the host tools, builds the qemu plugin and publishes the arm64 workload.</summary>
public static class Toolchain
{
    /// <summary>Debian packages the count needs (all in .ci/apt-packages; the :arm64 ones after dpkg --add-architecture arm64).</summary>
    public const string RequiredPackages =
        "gcc qemu-user libc6:arm64 libstdc++6:arm64 clang lld gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross";

    private static readonly (string What, Func<bool> Present)[] Requirements =
    {
        ("gcc (builds the qemu plugin)", () => ProcessRunner.FindOnPath("gcc") is not null),
        ("qemu-aarch64 (qemu-user)", () => ProcessRunner.FindOnPath("qemu-aarch64") is not null),
        ("clang (NativeAOT cross-link for linux-arm64)", () => ProcessRunner.FindOnPath("clang") is not null),
        ("aarch64-linux-gnu-gcc (builds the guest's /proc/cpuinfo probe)", () => ProcessRunner.FindOnPath("aarch64-linux-gnu-gcc") is not null),
        ("the arm64 cross C library (libc6-dev-arm64-cross)", () => File.Exists("/usr/aarch64-linux-gnu/lib/crt1.o")),
        ("the arm64 C library qemu runs the binary with (libc6:arm64)", () => File.Exists("/lib/ld-linux-aarch64.so.1")),
        // ONNX Runtime's libonnxruntime.so is C++. It must come from Debian's multiarch packages: run with the cross
        // sysroot instead (qemu -L /usr/aarch64-linux-gnu) it never gets through CreateEnv under qemu 7.2.
        ("the arm64 C++ library ONNX Runtime links (libstdc++6:arm64)", () => File.Exists("/usr/lib/aarch64-linux-gnu/libstdc++.so.6")),
    };

    public static void RequireTools()
    {
        var missing = Requirements.Where(r => !r.Present()).Select(r => r.What).ToList();
        if (missing.Count > 0)
        {
            throw new ArmCostException(
                $"Missing: {string.Join("; ", missing)}.\nInstall: dpkg --add-architecture arm64 && apt-get update && apt-get install -y {RequiredPackages}");
        }
    }

    /// <summary>Compiles insn-count.c (beside this project) into a qemu plugin; returns its path.</summary>
    public static string BuildPlugin(WorkPaths paths)
    {
        var source = RepositoryRoot.Combine("benchmarks", "LowBit.ArmCost", "insn-count.c");
        Console.Error.WriteLine($"Building the qemu plugin: gcc -shared -fPIC -O2 {source}");
        var gcc = ProcessRunner.Run("gcc", new[] { "-shared", "-fPIC", "-O2", "-Wall", "-Wextra", "-Werror", "-o", paths.Plugin, source }, timeoutSeconds: 120);
        if (gcc.ExitCode != 0)
        {
            throw new ArmCostException($"gcc could not build the plugin:\n{gcc.Output}");
        }

        return paths.Plugin;
    }

    /// <summary>
    /// Publishes Workload/ NativeAOT for linux-arm64 (ahead-of-time code only, symbols kept for qemu's
    /// lookup) with just these models compiled in; returns the binary. The artifacts path keeps this build
    /// out of every other bin/obj.
    /// </summary>
    public static string PublishWorkload(WorkPaths paths, IReadOnlyList<string> models)
    {
        var project = RepositoryRoot.Combine("benchmarks", "LowBit.ArmCost", "Workload", "LowBit.ArmCost.Workload.csproj");
        var arguments = new List<string>
        {
            "publish", project, "-c", "Release", "-r", "linux-arm64", "-p:PublishAot=true",
            "-p:ArmCostModels=" + string.Join('+', models),
            "--artifacts-path", paths.BuildArtifacts, "-o", paths.WorkloadDirectory, "-nologo",
        };
        Console.Error.WriteLine($"Publishing the workload: dotnet {string.Join(' ', arguments)}");
        var publish = ProcessRunner.Run("dotnet", arguments, timeoutSeconds: 1200);
        if (publish.ExitCode != 0 || !File.Exists(paths.WorkloadBinary))
        {
            throw new ArmCostException($"Publishing the arm64 workload failed (needs: apt-get install -y {RequiredPackages}):\n{publish.Output}");
        }

        return paths.WorkloadBinary;
    }

    /// <summary>
    /// Publishes OnnxRuntimeWorkload/ NativeAOT for linux-arm64: the loop around ONNX Runtime's managed API, with
    /// the package's linux-arm64 libonnxruntime.so copied beside it (the runtime finds it there at run time).
    /// </summary>
    public static string PublishOnnxRuntimeWorkload(WorkPaths paths)
    {
        var project = RepositoryRoot.Combine("benchmarks", "LowBit.ArmCost", "OnnxRuntimeWorkload", "LowBit.ArmCost.OnnxRuntimeWorkload.csproj");
        var arguments = new List<string>
        {
            "publish", project, "-c", "Release", "-r", "linux-arm64", "-p:PublishAot=true",
            "--artifacts-path", paths.BuildArtifacts, "-o", paths.OnnxRuntimeWorkloadDirectory, "-nologo",
        };
        Console.Error.WriteLine($"Publishing the ONNX Runtime workload: dotnet {string.Join(' ', arguments)}");
        var publish = ProcessRunner.Run("dotnet", arguments, timeoutSeconds: 1200);
        if (publish.ExitCode != 0 || !File.Exists(paths.OnnxRuntimeWorkloadBinary) || !File.Exists(Path.Combine(paths.OnnxRuntimeWorkloadDirectory, "libonnxruntime.so")))
        {
            throw new ArmCostException($"Publishing the arm64 ONNX Runtime workload failed (needs: apt-get install -y {RequiredPackages}):\n{publish.Output}");
        }

        return paths.OnnxRuntimeWorkloadBinary;
    }
}
