using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Benchmarks;

/// <summary>
/// The benchmark models, built from fixed seeds by the test model builder (random weights, thresholds placed
/// so every layer uses its levels, equally spaced as a uniform quantizer exports them — the kind of
/// activation quantizer the ONNX Runtime int8 peer has). Three whole networks (an MNIST CNN, ResNet-20 on CIFAR shapes, a
/// MobileNetV2-style stack on 96×96) at W1A1, W2A2, W4A4, W8A8 and one mixed precision, and four single
/// layers (dense 3×3 conv, linear, depthwise 3×3, pointwise 1×1) at the four uniform precisions. The same seed
/// and architecture give the same file bytes on every machine, so the committed Models/*.lbq can be checked
/// and regenerated with <c>--write-models</c>.
/// </summary>
public static class BenchmarkModels
{
    /// <summary>The uniform precisions every architecture is built at.</summary>
    public static IReadOnlyList<Precision> Uniform { get; } = new[]
    {
        Precision.Of("w1a1", WeightSpec.Binary, 1),
        Precision.Of("w2a2", WeightSpec.Signed(2), 2),
        Precision.Of("w4a4", WeightSpec.Signed(4), 4),
        Precision.Of("w8a8", WeightSpec.Signed(8), 8),
    };

    /// <summary>The usual mixed recipe: a W2A2 body with 8-bit input and 8-bit weights in the first and last layers.</summary>
    public static Precision Mixed { get; } = new("mixed", WeightSpec.Signed(2), 2, InputBits: 8, EdgeWeights: WeightSpec.Signed(8));

    /// <summary>Whole networks: the peers (TorchSharp, ONNX Runtime) run these, at every precision plus <see cref="Mixed"/>.</summary>
    public static IReadOnlyList<Architecture> Networks { get; } = new[]
    {
        new Architecture("mnist_cnn", MnistCnn),
        new Architecture("resnet20", ResNet20),
        new Architecture("mobilenetv2", MobileNetV2),
    };

    /// <summary>Single layers, for the low-bit vs 8-bit speed-up per layer type (generated code only).</summary>
    public static IReadOnlyList<Architecture> Layers { get; } = new[]
    {
        new Architecture("conv64", Conv64),
        new Architecture("linear1024", Linear1024),
        new Architecture("dwconv96", DepthwiseConv96),
        new Architecture("pwconv96", PointwiseConv96),
    };

    /// <summary>Every benchmark model, in a stable order.</summary>
    public static IEnumerable<ModelManifest> All()
    {
        foreach (var network in Networks)
        {
            foreach (var precision in Uniform.Append(Mixed))
            {
                yield return network.Build(Name(network.Name, precision), precision);
            }
        }

        foreach (var layer in Layers)
        {
            foreach (var precision in Uniform)
            {
                yield return layer.Build(Name(layer.Name, precision), precision);
            }
        }
    }

    /// <summary>
    /// MNIST-like CNN: 1×28×28 → conv 3×3 32 pad 1 → maxpool 2 → conv 3×3 64 pad 1 → maxpool 2 → flatten →
    /// linear 10 (float logits). The input is quantized to the precision's input bitwidth (the activation
    /// bitwidth, or 8 for mixed), so every dot layer of a uniform model runs at the model's precision.
    /// </summary>
    public static ModelManifest MnistCnn(string name, Precision p) =>
        new ModelBuilder(Seed(name), name) { UniformThresholds = true }
            .Input(1, 28, 28, bits: p.InputBits)
            .Conv2d(32, 3, padding: 1, weights: p.EdgeWeights, activationBits: p.ActivationBits)
            .MaxPool2d(2)
            .Conv2d(64, 3, padding: 1, weights: p.Weights, activationBits: p.ActivationBits)
            .MaxPool2d(2)
            .Flatten()
            .Linear(10, p.EdgeWeights, p.ActivationBits)
            .Build();

    /// <summary>
    /// ResNet-20 for CIFAR-10 (He et al. 2016, §4.2): 3×32×32 → conv 3×3 16 → three stages of three basic
    /// blocks (16, 32, 64 channels; 32×32, 16×16, 8×8) → global average pool → linear 10. The model builder's
    /// residual needs a shape-preserving block, so a stage's first block is conv 3×3/2 followed by a residual
    /// around its second conv (ResNet's "option A" shortcut has no weights either): 19 convs, 41 M MACs.
    /// </summary>
    public static ModelManifest ResNet20(string name, Precision p)
    {
        var builder = new ModelBuilder(Seed(name), name) { UniformThresholds = true }
            .Input(3, 32, 32, bits: p.InputBits)
            .Conv2d(16, 3, padding: 1, weights: p.EdgeWeights, activationBits: p.ActivationBits);
        foreach (int channels in new[] { 16, 32, 64 })
        {
            for (int block = 0; block < 3; block++)
            {
                if (block == 0 && channels != 16)
                {
                    builder = builder
                        .Conv2d(channels, 3, stride: 2, padding: 1, weights: p.Weights, activationBits: p.ActivationBits)
                        .Residual(b => b.Conv2d(channels, 3, padding: 1, weights: p.Weights, activationBits: p.ActivationBits), activationBits: p.ActivationBits);
                }
                else
                {
                    builder = builder.Residual(
                        b => b.Conv2d(channels, 3, padding: 1, weights: p.Weights, activationBits: p.ActivationBits)
                              .Conv2d(channels, 3, padding: 1, weights: p.Weights, activationBits: p.ActivationBits),
                        activationBits: p.ActivationBits);
                }
            }
        }

        return builder.GlobalAvgPool().Flatten().Linear(10, p.EdgeWeights, p.ActivationBits).Build();
    }

    /// <summary>
    /// MobileNetV2 (Sandler et al. 2018) at width 0.5 on 3×96×96: conv 3×3/2 16 → seven stages of inverted
    /// residual blocks (1×1 expand ×t, depthwise 3×3, 1×1 project; residual add where stride 1 keeps the
    /// channels) with (t, channels, blocks, stride) = (1,8,1,1) (6,16,2,2) (6,16,3,2) (6,32,4,2) (6,48,3,1)
    /// (6,80,3,2) (6,160,1,1) → conv 1×1 1280 → global average pool → linear 10.
    /// </summary>
    public static ModelManifest MobileNetV2(string name, Precision p)
    {
        var builder = new ModelBuilder(Seed(name), name) { UniformThresholds = true }
            .Input(3, 96, 96, bits: p.InputBits)
            .Conv2d(16, 3, stride: 2, padding: 1, weights: p.EdgeWeights, activationBits: p.ActivationBits);
        int channels = 16;
        foreach (var (expansion, outChannels, blocks, firstStride) in new[] { (1, 8, 1, 1), (6, 16, 2, 2), (6, 16, 3, 2), (6, 32, 4, 2), (6, 48, 3, 1), (6, 80, 3, 2), (6, 160, 1, 1) })
        {
            for (int block = 0; block < blocks; block++)
            {
                int stride = block == 0 ? firstStride : 1;
                int inChannels = channels;
                ModelBuilder InvertedResidual(ModelBuilder b)
                {
                    if (expansion != 1)
                    {
                        b = b.Conv2d(inChannels * expansion, 1, weights: p.Weights, activationBits: p.ActivationBits);
                    }

                    return b
                        .DepthwiseConv2d(3, stride: stride, padding: 1, weights: p.Weights, activationBits: p.ActivationBits)
                        .Conv2d(outChannels, 1, weights: p.Weights, activationBits: p.ActivationBits);
                }

                builder = stride == 1 && inChannels == outChannels
                    ? builder.Residual(InvertedResidual, activationBits: p.ActivationBits)
                    : InvertedResidual(builder);
                channels = outChannels;
            }
        }

        return builder
            .Conv2d(1280, 1, weights: p.Weights, activationBits: p.ActivationBits)
            .GlobalAvgPool()
            .Flatten()
            .Linear(10, p.EdgeWeights, p.ActivationBits)
            .Build();
    }

    /// <summary>
    /// One wide layer: 64×32×32 input at the activation bitwidth → conv 3×3 64 pad 1 → global average pool →
    /// linear 10 (float head). The conv is 37.7 M MACs; the head is 640, so the model's time is the conv's
    /// plus input quantization (65,536 floats) and the pool.
    /// </summary>
    public static ModelManifest Conv64(string name, Precision p) =>
        new ModelBuilder(Seed(name), name) { UniformThresholds = true }
            .Input(64, 32, 32, bits: p.ActivationBits)
            .Conv2d(64, 3, padding: 1, weights: p.Weights, activationBits: p.ActivationBits)
            .GlobalAvgPool()
            .Flatten()
            .Linear(10, p.Weights, p.ActivationBits)
            .Build();

    /// <summary>A single linear layer 1024 → 1024 with float output (1 M MACs).</summary>
    public static ModelManifest Linear1024(string name, Precision p) =>
        new ModelBuilder(Seed(name), name) { UniformThresholds = true }
            .InputVector(1024, bits: p.ActivationBits)
            .Linear(1024, p.Weights, p.ActivationBits)
            .Build();

    /// <summary>MobileNetV2's typical depthwise layer: 96×24×24 → depthwise 3×3 pad 1 (0.5 M MACs) → global average pool → linear 10.</summary>
    public static ModelManifest DepthwiseConv96(string name, Precision p) =>
        new ModelBuilder(Seed(name), name) { UniformThresholds = true }
            .Input(96, 24, 24, bits: p.ActivationBits)
            .DepthwiseConv2d(3, padding: 1, weights: p.Weights, activationBits: p.ActivationBits)
            .GlobalAvgPool()
            .Flatten()
            .Linear(10, p.Weights, p.ActivationBits)
            .Build();

    /// <summary>MobileNetV2's typical projection: 96×24×24 → conv 1×1 32 (1.8 M MACs) → global average pool → linear 10.</summary>
    public static ModelManifest PointwiseConv96(string name, Precision p) =>
        new ModelBuilder(Seed(name), name) { UniformThresholds = true }
            .Input(96, 24, 24, bits: p.ActivationBits)
            .Conv2d(32, 1, weights: p.Weights, activationBits: p.ActivationBits)
            .GlobalAvgPool()
            .Flatten()
            .Linear(10, p.Weights, p.ActivationBits)
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

/// <summary>
/// One benchmark precision, e.g. W2A2 = signed 2-bit weights and 2-bit activations. The input bitwidth and
/// the weights of the first and last layers can differ, for mixed precision.
/// </summary>
public sealed record Precision(string Name, WeightSpec Weights, int ActivationBits, int InputBits, WeightSpec EdgeWeights)
{
    public static Precision Of(string name, WeightSpec weights, int activationBits) => new(name, weights, activationBits, activationBits, weights);
}

/// <summary>A named model architecture and its builder at one precision.</summary>
public sealed record Architecture(string Name, Func<string, Precision, ModelManifest> Build);
