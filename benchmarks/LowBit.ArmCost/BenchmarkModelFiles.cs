using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.ArmCost;

/// <summary>The committed benchmark models (benchmarks/LowBit.Benchmarks/Models) the workload compiles in.</summary>
public static class BenchmarkModelFiles
{
    /// <summary>The architectures of the cost tables, in table order; --models can name any other model file.</summary>
    private static readonly string[] DefaultArchitectures = { "mnist_cnn", "resnet20", "mobilenetv2", "conv64", "linear1024" };

    /// <summary>Uniform precisions, then the per-layer mixed one the whole networks also have (BenchmarkModels.cs).</summary>
    private static readonly string[] Precisions = { "w1a1", "w2a2", "w4a4", "w8a8", "mixed" };

    /// <summary>The whole networks the x64 benchmarks run ONNX Runtime int8 on (the QDQ export of their W8A8 manifest).</summary>
    public static readonly IReadOnlyList<string> PeerNetworks = new[] { "mnist_cnn", "resnet20", "mobilenetv2" };

    public static string Directory => RepositoryRoot.Combine("benchmarks", "LowBit.Benchmarks", "Models");

    /// <summary>Each default architecture from W1A1 to W8A8, and mixed where it has one.</summary>
    public static IReadOnlyList<string> DefaultNames() =>
        DefaultArchitectures.SelectMany(architecture => Precisions.Select(precision => architecture + "_" + precision))
            .Where(name => File.Exists(PathOf(name)))
            .ToList();

    public static string PathOf(string name) => Path.Combine(Directory, name + ".lbq");

    public static ModelManifest Read(string name) => ManifestReader.ReadFile(PathOf(name));

    /// <summary>"mnist_cnn_w2a2" → "mnist_cnn".</summary>
    public static string Architecture(string name) => name[..name.LastIndexOf('_')];

    /// <summary>"mnist_cnn_w2a2" → "W2A2".</summary>
    public static string Precision(string name) => name[(name.LastIndexOf('_') + 1)..].ToUpperInvariant();

    /// <summary>Fails early, before a publish, on a model name without a file.</summary>
    public static void RequireFiles(IEnumerable<string> names)
    {
        var missing = names.Where(name => !File.Exists(PathOf(name))).ToList();
        if (missing.Count > 0)
        {
            throw new ArmCostException($"No model file for {string.Join(", ", missing)} in {Directory}.");
        }
    }
}
