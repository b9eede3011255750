using System.IO;

namespace LowBit.ArmCost;

/// <summary>Where the driver puts what it builds and what qemu reports, all under one work directory.</summary>
public sealed class WorkPaths
{
    public WorkPaths(string root)
    {
        Root = root;
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(CountsDirectory);
    }

    public string Root { get; }

    public string Plugin => Path.Combine(Root, "insn-count.so");

    /// <summary>MSBuild's bin/obj for the arm64 publish, apart from every other build of the repository.</summary>
    public string BuildArtifacts => Path.Combine(Root, "build");

    public string WorkloadDirectory => Path.Combine(Root, "linux-arm64");

    public string WorkloadBinary => Path.Combine(WorkloadDirectory, "LowBit.ArmCost.Workload");

    /// <summary>The ONNX Runtime workload and the native library its package publishes beside it.</summary>
    public string OnnxRuntimeWorkloadDirectory => Path.Combine(Root, "linux-arm64-onnxruntime");

    public string OnnxRuntimeWorkloadBinary => Path.Combine(OnnxRuntimeWorkloadDirectory, "LowBit.ArmCost.OnnxRuntimeWorkload");

    /// <summary>The QDQ int8 ONNX exports ONNX Runtime runs, one per network.</summary>
    public string OnnxDirectory => Path.Combine(Root, "onnx");

    /// <summary>One plugin report per qemu run, kept for inspection.</summary>
    public string CountsDirectory => Path.Combine(Root, "counts");

    public string TablesFile => Path.Combine(Root, "tables.md");

    /// <summary>The per-model counts, tab-separated, for scripts and tests.</summary>
    public string CostsFile => Path.Combine(Root, "costs.tsv");
}
