using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Benchmarks;

/// <summary>
/// The benchmark models: three architectures, each at W1A1, W2A2, W4A4 and W8A8, built from fixed seeds
/// by the test model builder (random weights, thresholds placed so every layer uses its levels). The same
/// seed and architecture give the same file bytes on every machine, so the committed Models/*.lbq can be
/// checked and regenerated with <c>--write-models</c>.
/// </summary>
public static class BenchmarkModels
{
    /// <summary>Weight/activation bitwidth pairs every architecture is built at.</summary>
    public static IReadOnlyList<Precision> Precisions { get; } = new[]
    {
        new Precision("w1a1", WeightSpec.Binary, 1),
        new Precision("w2a2", WeightSpec.Signed(2), 2),
        new Precision("w4a4", WeightSpec.Signed(4), 4),
        new Precision("w8a8", WeightSpec.Signed(8), 8),
    };

    /// <summary>Architecture name → builder at one precision.</summary>
    public static IReadOnlyList<(string Architecture, Func<string, Precision, ModelManifest> Build)> Architectures { get; } = new (string, Func<string, Precision, ModelManifest>)[]
    {
        ("mnist_cnn", MnistCnn),
        ("conv64", Conv64),
        ("linear1024", Linear1024),
    };

    /// <summary>Every benchmark model, in a stable order.</summary>
    public static IEnumerable<ModelManifest> All()
    {
        foreach (var (architecture, build) in Architectures)
        {
            foreach (var precision in Precisions)
            {
                yield return build(Name(architecture, precision), precision);
            }
        }
    }

    /// <summary>
    /// MNIST-like CNN: 1×28×28 → conv 3×3 32 pad 1 → maxpool 2 → conv 3×3 64 pad 1 → maxpool 2 → flatten →
    /// linear 10 (float logits). The input is quantized to the activation bitwidth (8-bit for W8A8), so
    /// every dot layer of the model runs at the model's precision.
    /// </summary>
    public static ModelManifest MnistCnn(string name, Precision p) =>
        new ModelBuilder(Seed(name), name)
            .Input(1, 28, 28, bits: p.ActivationBits)
            .Conv2d(32, 3, padding: 1, weights: p.Weights, activationBits: p.ActivationBits)
            .MaxPool2d(2)
            .Conv2d(64, 3, padding: 1, weights: p.Weights, activationBits: p.ActivationBits)
            .MaxPool2d(2)
            .Flatten()
            .Linear(10, p.Weights, p.ActivationBits)
            .Build();

    /// <summary>
    /// One wide layer: 64×32×32 input at the activation bitwidth → conv 3×3 64 pad 1 → global average pool →
    /// linear 10 (float head). The conv is 37.7 M MACs; the head is 640, so the model's time is the conv's
    /// plus input quantization (65,536 floats) and the pool.
    /// </summary>
    public static ModelManifest Conv64(string name, Precision p) =>
        new ModelBuilder(Seed(name), name)
            .Input(64, 32, 32, bits: p.ActivationBits)
            .Conv2d(64, 3, padding: 1, weights: p.Weights, activationBits: p.ActivationBits)
            .GlobalAvgPool()
            .Flatten()
            .Linear(10, p.Weights, p.ActivationBits)
            .Build();

    /// <summary>A single linear layer 1024 → 1024 with float output (1 M MACs).</summary>
    public static ModelManifest Linear1024(string name, Precision p) =>
        new ModelBuilder(Seed(name), name)
            .InputVector(1024, bits: p.ActivationBits)
            .Linear(1024, p.Weights, p.ActivationBits)
            .Build();

    public static string Name(string architecture, Precision precision) => architecture + "_" + precision.Name;

    /// <summary>Writes every model to <paramref name="directory"/> as &lt;name&gt;.lbq; returns the paths.</summary>
    public static IReadOnlyList<string> WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var manifest in All())
        {
            var path = Path.Combine(directory, manifest.Name + ".lbq");
            ManifestWriter.WriteFile(manifest, path);
            paths.Add(path);
        }

        return paths;
    }

    /// <summary>A stable seed from the name (string.GetHashCode is randomized per process).</summary>
    private static int Seed(string name)
    {
        int hash = 17;
        foreach (char c in name)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & 0x7FFFFFFF;
    }

    /// <summary>Formats a count with thousands separators, culture-independently.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>Weights and activation bitwidth of one benchmark precision, e.g. W2A2 = signed 2-bit weights, 2-bit activations.</summary>
public sealed record Precision(string Name, WeightSpec Weights, int ActivationBits);
