using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.TestModels;

/// <summary>
/// Named random models covering every op × weight encoding × activation bits, plus odd shapes, all
/// kernels and windows the manifest allows, residual adds, negated channels, input formats, an
/// "all ops" model and a larger CNN. Each model's seed is a hash of its name, so adding a case never
/// changes another. Shapes are small (≤ 16×16, ≤ 32 channels) except <c>large/*</c>.
/// <para>
/// Use in xunit: <c>[MemberData(nameof(ModelCatalog.ModelNames), MemberType = typeof(ModelCatalog))]</c>
/// with a <c>string name</c> parameter and <see cref="Get"/> (strings serialize, so every row is its own
/// test in the explorer), or <see cref="Models"/> with a <see cref="TestModel"/> parameter.
/// </para>
/// </summary>
public static class ModelCatalog
{
    /// <summary>The activation bitwidths every op is tested with.</summary>
    public static readonly IReadOnlyList<int> ActivationBits = new[] { 1, 2, 4, 8 };

    private static readonly Lazy<IReadOnlyList<TestModel>> Catalog = new(() => CheckUnique(Create().ToArray()));

    private static readonly Lazy<IReadOnlyDictionary<string, TestModel>> ByName =
        new(() => All.ToDictionary(m => m.Name, StringComparer.Ordinal));

    public static IReadOnlyList<TestModel> All => Catalog.Value;

    public static IEnumerable<string> Names => All.Select(m => m.Name);

    /// <summary>xunit MemberData rows of one <see cref="TestModel"/> each.</summary>
    public static IEnumerable<object[]> Models => All.Select(m => new object[] { m });

    /// <summary>xunit MemberData rows of one model name each (serializable, so each row is a separate test case).</summary>
    public static IEnumerable<object[]> ModelNames => All.Select(m => new object[] { m.Name });

    /// <summary>The model with every op in one graph.</summary>
    public static TestModel AllOps => Get("all-ops/mixed");

    /// <summary>The largest model: 3×32×32 input, about 47k weights.</summary>
    public static TestModel Large => Get("large/cnn32x32");

    public static TestModel Get(string name) =>
        ByName.Value.TryGetValue(name, out var model)
            ? model
            : throw new KeyNotFoundException($"No catalog model named \"{name}\"; see ModelCatalog.Names.");

    /// <summary>Models containing at least one layer of <paramref name="op"/>.</summary>
    public static IEnumerable<TestModel> WithOp(LayerOp op) => All.Where(m => m.Manifest.Layers.Any(l => l.Op == op));

    /// <summary>Builds a model the way catalog cases are built: seed from the name, then a float head unless the graph already ends in one.</summary>
    public static TestModel Case(string name, Func<ModelBuilder, ModelBuilder> build, bool addHead = true, bool uniformThresholds = false)
    {
        var builder = build(new ModelBuilder(StableSeed(name), name) { UniformThresholds = uniformThresholds });
        if (addHead)
        {
            Head(builder);
        }

        return new TestModel(name, builder.Build());
    }

    /// <summary>FNV-1a of the name: unlike string.GetHashCode, the same in every process.</summary>
    public static int StableSeed(string name)
    {
        uint hash = 2166136261;
        foreach (char c in name)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return unchecked((int)hash);
    }

    /// <summary>A small float-output layer: a 1×1 conv to 3 channels on a feature map, linear to 3 on a vector.</summary>
    private static ModelBuilder Head(ModelBuilder builder) =>
        builder.CurrentShape.Rank == 3
            ? builder.Conv2d(3, 1, weights: WeightSpec.Signed(4))
            : builder.Linear(3, WeightSpec.Signed(4));

    private static IReadOnlyList<TestModel> CheckUnique(TestModel[] models)
    {
        var duplicate = models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? models : throw new InvalidOperationException($"Two catalog models are named \"{duplicate.Key}\".");
    }

    private static IEnumerable<TestModel> Create() =>
        OpsByBits()
            .Concat(Heads())
            .Concat(InputFormats())
            .Concat(Shapes())
            .Concat(Pooling())
            .Concat(Residuals())
            .Concat(Negated())
            .Concat(UniformThresholds())
            .Concat(Chains())
            .Concat(Binary())
            .Concat(Big());

    private static string Sign(bool signed) => signed ? "s" : "u";

    /// <summary>conv2d, linear, depthwise and grouped conv: every weight encoding × activation bits × signedness.</summary>
    private static IEnumerable<TestModel> OpsByBits()
    {
        foreach (var w in WeightSpec.All)
        {
            foreach (var a in ActivationBits)
            {
                foreach (var signed in new[] { false, true })
                {
                    var act = $"a{Sign(signed)}{a}";
                    yield return Case($"conv2d/w{w}/{act}", b => b.Input(5, 9, 9).Conv2d(7, 3, padding: 1, weights: w, activationBits: a, signedActivations: signed));
                    yield return Case($"linear/w{w}/{act}", b => b.InputVector(13).Linear(7, w, a, signed));
                    yield return Case($"depthwise/w{w}/{act}", b => b.Input(5, 8, 8).DepthwiseConv2d(3, padding: 1, weights: w, activationBits: a, signedActivations: signed));
                    yield return Case($"grouped/w{w}/{act}", b => b.Input(6, 7, 7).Conv2d(10, 3, padding: 1, groups: 2, weights: w, activationBits: a, signedActivations: signed));
                }
            }
        }

        yield return Case("depthwise/k3s2/m2", b => b.Input(7, 9, 9).DepthwiseConv2d(3, stride: 2, padding: 1, multiplier: 2, activationBits: 4));
        yield return Case("depthwise/k5p2/c13", b => b.Input(13, 7, 7).DepthwiseConv2d(5, padding: 2, weights: WeightSpec.Ternary, activationBits: 2));
        // Wide enough for the depthwise kernel's 8-channel vectors and 4-channel requantization, plus tails.
        yield return Case("depthwise/c20/w8a8", b => b.Input(20, 6, 6).DepthwiseConv2d(3, padding: 1, weights: WeightSpec.Signed(8), activationBits: 8));
        yield return Case("depthwise/c20/w4as4", b => b.Input(20, 6, 6, bits: 4, signed: true).DepthwiseConv2d(3, stride: 2, padding: 1, weights: WeightSpec.Signed(4), activationBits: 4, signedActivations: true));
        yield return Case("grouped/g3/k1/c9", b => b.Input(9, 5, 5).Conv2d(6, 1, groups: 3, weights: WeightSpec.Binary, activationBits: 1));
        yield return Case("grouped/g4/k3s2/c16", b => b.Input(16, 9, 9).Conv2d(8, 3, stride: 2, groups: 4, weights: WeightSpec.Signed(4), activationBits: 4));
    }

    /// <summary>Single-layer models: the float output of conv2d and linear with every weight encoding.</summary>
    private static IEnumerable<TestModel> Heads()
    {
        foreach (var w in WeightSpec.All)
        {
            yield return Case($"head/conv2d/w{w}", b => b.Input(3, 6, 6).Conv2d(5, 3, padding: 1, weights: w), addHead: false);
            yield return Case($"head/linear/w{w}", b => b.InputVector(17).Linear(5, w), addHead: false);
        }

        yield return Case("head/conv2d/s4-input", b => b.Input(4, 5, 5, bits: 4, signed: true, zeroPoint: -3).Conv2d(3, 3, padding: 1, weights: WeightSpec.Signed(8)), addHead: false);
        yield return Case("head/depthwise/s2", b => b.Input(5, 6, 6).DepthwiseConv2d(3, stride: 2, weights: WeightSpec.Signed(2)), addHead: false);
    }

    /// <summary>Input bits, signedness and zero points; conv padding reads the zero point.</summary>
    private static IEnumerable<TestModel> InputFormats()
    {
        foreach (var bits in ActivationBits)
        {
            foreach (var signed in new[] { false, true })
            {
                var format = new LevelFormat(bits, signed, 0, 1f);
                foreach (var zeroPoint in new[] { 0, signed ? format.Min : (format.Max + 1) / 2 })
                {
                    yield return Case(
                        $"input/{Sign(signed)}{bits}/zp{zeroPoint}",
                        b => b.Input(3, 6, 6, bits, signed, zeroPoint).Conv2d(5, 3, padding: 1, activationBits: 2));
                }
            }

            yield return Case($"input/vector/s{bits}", b => b.InputVector(11, bits, signed: true).Linear(6, WeightSpec.Ternary, activationBits: 2));
        }
    }

    /// <summary>Channel counts that are not multiples of 4, 8 or 16, and every kind of window.</summary>
    private static IEnumerable<TestModel> Shapes()
    {
        var channels = new[] { 1, 3, 5, 7, 13, 16, 17, 32 };
        for (int i = 0; i < channels.Length; i++)
        {
            int inChannels = channels[i];
            int outChannels = channels[channels.Length - 1 - i];
            foreach (var kernel in new[] { 1, 3 })
            {
                yield return Case(
                    $"channels/c{inChannels}-c{outChannels}/k{kernel}",
                    b => b.Input(inChannels, 6, 6).Conv2d(outChannels, kernel, padding: kernel / 2, weights: WeightSpec.Signed(3), activationBits: 2));
            }
        }

        var windows = new (string Name, Window2d Window)[]
        {
            ("k1s2", Window2d.Square(1, 2)),
            ("k2", Window2d.Square(2)),
            ("k3s2", Window2d.Square(3, 2)),
            ("k3s2p1", Window2d.Square(3, 2, 1)),
            ("k3s3", Window2d.Square(3, 3)),
            ("k4s3p2", Window2d.Square(4, 3, 2)),
            ("k5p2", Window2d.Square(5, 1, 2)),
            ("k7p3", Window2d.Square(7, 1, 3)),
            ("k1x3p0101", new Window2d(1, 3, 1, 1, 0, 1, 0, 1)),
            ("k3x1p1010", new Window2d(3, 1, 1, 1, 1, 0, 1, 0)),
            ("k2x3s2x1", new Window2d(2, 3, 2, 1, 0, 0, 0, 0)),
            ("k3p0110", new Window2d(3, 3, 1, 1, 0, 1, 1, 0)),
            ("k3p2011", new Window2d(3, 3, 1, 1, 2, 0, 1, 1)),
            ("k3x5s1x2p1203", new Window2d(3, 5, 1, 2, 1, 2, 0, 3)),
        };
        foreach (var (name, window) in windows)
        {
            yield return Case($"window/{name}", b => b.Input(3, 9, 11).Conv2d(5, window, weights: WeightSpec.Signed(3), activationBits: 4));
        }

        yield return Case("window/1x1-input", b => b.Input(7, 1, 1).Conv2d(5, 1, activationBits: 2));
        yield return Case("window/k3p1-on-1x1", b => b.Input(3, 1, 1).Conv2d(5, 3, padding: 1, activationBits: 2));
        yield return Case("window/16x16/c32", b => b.Input(32, 16, 16, bits: 2).Conv2d(32, 3, padding: 1, weights: WeightSpec.Binary, activationBits: 1));
        yield return Case("flatten/conv-linear", b => b.Input(3, 5, 5).Conv2d(5, 3, activationBits: 4).Flatten().Linear(7, activationBits: 2));
        yield return Case("flatten/input", b => b.Input(2, 3, 5, bits: 4).Flatten().Linear(6, WeightSpec.Binary, activationBits: 2));
    }

    /// <summary>Max and average pooling (with padding, non-square windows) at every level bitwidth, and global average pooling.</summary>
    private static IEnumerable<TestModel> Pooling()
    {
        var windows = new (string Name, Window2d Window)[]
        {
            ("k2s2", Window2d.Square(2, 2)),
            ("k2s1", Window2d.Square(2, 1)),
            ("k3s2p1", Window2d.Square(3, 2, 1)),
            ("k3s1p1", Window2d.Square(3, 1, 1)),
            ("k2x3s1x2p1110", new Window2d(2, 3, 1, 2, 1, 1, 1, 0)),
        };
        foreach (var bits in ActivationBits)
        {
            foreach (var (name, window) in windows)
            {
                yield return Case($"maxpool2d/u{bits}/{name}", b => b.Input(5, 9, 9, bits).MaxPool2d(window));
                yield return Case($"avgpool2d/u{bits}/{name}", b => b.Input(5, 9, 9, bits).AvgPool2d(window));
            }

            yield return Case($"maxpool2d/s{bits}/k3s2p1", b => b.Input(5, 9, 9, bits, signed: true).MaxPool2d(3, 2, 1));
            yield return Case($"avgpool2d/s{bits}/k3s2p1/zp-1", b => b.Input(5, 9, 9, bits, signed: true, zeroPoint: -1).AvgPool2d(3, 2, 1));
            yield return Case($"gap/u{bits}", b => b.Input(7, 5, 5, bits).GlobalAvgPool().Flatten());
            yield return Case($"gap/s{bits}", b => b.Input(7, 4, 6, bits, signed: true).GlobalAvgPool().Flatten());
        }

        yield return Case("avgpool2d/u4/zp5/k3s1p1", b => b.Input(5, 7, 7, bits: 4, zeroPoint: 5).AvgPool2d(3, 1, 1));
        yield return Case("maxpool2d/after-conv/a2", b => b.Input(3, 10, 10).Conv2d(7, 3, activationBits: 2).MaxPool2d(2));
        yield return Case("avgpool2d/after-conv/as4", b => b.Input(3, 10, 10).Conv2d(7, 3, activationBits: 4, signedActivations: true).AvgPool2d(2));
        yield return Case("gap/16x16/u8", b => b.Input(13, 16, 16).GlobalAvgPool().Flatten());
        yield return Case("gap/1x1", b => b.Input(5, 1, 1, bits: 4).GlobalAvgPool().Flatten());
        yield return Case("gap/after-conv/conv-head", b => b.Input(3, 8, 8).Conv2d(13, 3, activationBits: 4).GlobalAvgPool());
    }

    /// <summary>Residual adds: every output bitwidth, mixed input formats, vectors, pooling blocks, nesting, given multipliers.</summary>
    private static IEnumerable<TestModel> Residuals()
    {
        foreach (var bits in ActivationBits)
        {
            foreach (var signed in new[] { false, true })
            {
                yield return Case(
                    $"add/a{Sign(signed)}{bits}",
                    b => b.Input(6, 8, 8, bits: 4)
                        .Conv2d(6, 3, padding: 1, activationBits: 2)
                        .Residual(r => r.Conv2d(6, 3, padding: 1, activationBits: 2).Conv2d(6, 3, padding: 1, activationBits: 4), bits, signed));
            }
        }

        foreach (var (first, second) in new[] { (1, 1), (2, -1), (-1, 3), (3, 2) })
        {
            yield return Case(
                $"add/multipliers/{first}_{second}",
                b => b.Input(5, 6, 6).Residual(r => r.Conv2d(5, 3, padding: 1, activationBits: 8), activationBits: 4, multipliers: (first, second)));
        }

        yield return Case("add/input-skip/u8-a2", b => b.Input(5, 7, 7).Residual(r => r.Conv2d(5, 3, padding: 1, weights: WeightSpec.Ternary, activationBits: 2), activationBits: 2));
        yield return Case("add/signed-skip", b => b.Input(5, 7, 7, bits: 4, signed: true, zeroPoint: -2).Residual(r => r.Conv2d(5, 1, activationBits: 2, signedActivations: true), activationBits: 4, signedActivations: true, activationZeroPoint: -3));
        yield return Case("add/vector", b => b.InputVector(13).Linear(9, activationBits: 4).Residual(r => r.Linear(9, activationBits: 2).Linear(9, WeightSpec.Binary, activationBits: 4), activationBits: 4));
        yield return Case("add/maxpool-block", b => b.Input(4, 6, 6, bits: 4).Residual(r => r.MaxPool2d(3, 1, 1), activationBits: 4));
        yield return Case("add/avgpool-block", b => b.Input(4, 6, 6, bits: 2).Residual(r => r.AvgPool2d(3, 1, 1), activationBits: 2));
        yield return Case("add/empty-block", b => b.Input(4, 5, 5, bits: 4).Residual(r => r, activationBits: 4));
        yield return Case(
            "add/nested",
            b => b.Input(6, 8, 8)
                .Conv2d(8, 3, padding: 1, activationBits: 4)
                .Residual(
                    outer => outer
                        .Conv2d(8, 1, activationBits: 2)
                        .Residual(inner => inner.DepthwiseConv2d(3, padding: 1, activationBits: 2), activationBits: 2)
                        .Conv2d(8, 3, padding: 1, weights: WeightSpec.Signed(4), activationBits: 4),
                    activationBits: 4));
    }

    /// <summary>
    /// Equally spaced (affine) thresholds, which the generator replaces by a proved closed form: 3- to 8-bit
    /// outputs, signed and unsigned activations, negated channels, 1×1 and strided convs, partial channel blocks.
    /// </summary>
    private static IEnumerable<TestModel> UniformThresholds()
    {
        foreach (int bits in new[] { 3, 4, 8 })
        {
            yield return Case($"uniform/conv2d/a{bits}", b => b.Input(6, 7, 7).Conv2d(21, 3, padding: 1, weights: WeightSpec.Signed(4), activationBits: bits, negatedFraction: 0.25), uniformThresholds: true);
            yield return Case($"uniform/linear/as{bits}", b => b.InputVector(29).Linear(18, WeightSpec.Signed(8), bits, signedActivations: true, negatedFraction: 0.5), uniformThresholds: true);
        }

        yield return Case("uniform/depthwise/c20/w8a8", b => b.Input(20, 6, 6).DepthwiseConv2d(3, padding: 1, weights: WeightSpec.Signed(8), activationBits: 8, negatedFraction: 0.25), uniformThresholds: true);
        yield return Case("uniform/depthwise/k3s2/w4a4", b => b.Input(30, 9, 9).DepthwiseConv2d(3, stride: 2, padding: 1, weights: WeightSpec.Signed(4), activationBits: 4), uniformThresholds: true);
        yield return Case("uniform/conv2d/k1/w8a8", b => b.Input(24, 5, 5).Conv2d(40, 1, weights: WeightSpec.Signed(8), activationBits: 8), uniformThresholds: true);
        yield return Case("uniform/conv2d/k3s2/w2a4", b => b.Input(16, 9, 9).Conv2d(32, 3, stride: 2, padding: 1, weights: WeightSpec.Signed(2), activationBits: 4, negatedFraction: 1), uniformThresholds: true);
        yield return Case("uniform/chain/w4a4", b => b.Input(3, 12, 12, bits: 8).Conv2d(16, 3, padding: 1, weights: WeightSpec.Signed(8), activationBits: 4).MaxPool2d(2).Conv2d(24, 3, padding: 1, weights: WeightSpec.Signed(4), activationBits: 4).Residual(r => r.Conv2d(24, 3, padding: 1, weights: WeightSpec.Signed(4), activationBits: 4), activationBits: 4), uniformThresholds: true);
    }

    /// <summary>negatedChannels on conv2d, linear, depthwise and add.</summary>
    private static IEnumerable<TestModel> Negated()
    {
        foreach (var bits in ActivationBits)
        {
            yield return Case($"negated/conv2d/half/a{bits}", b => b.Input(5, 6, 6).Conv2d(9, 3, padding: 1, activationBits: bits, negatedFraction: 0.5));
            yield return Case($"negated/linear/half/a{bits}", b => b.InputVector(12).Linear(9, WeightSpec.Signed(4), bits, negatedFraction: 0.5));
        }

        yield return Case("negated/conv2d/all", b => b.Input(3, 6, 6).Conv2d(5, 3, activationBits: 2, negatedFraction: 1));
        yield return Case("negated/linear/all/as4", b => b.InputVector(10).Linear(6, WeightSpec.Ternary, 4, signedActivations: true, negatedFraction: 1));
        yield return Case("negated/depthwise", b => b.Input(7, 6, 6).DepthwiseConv2d(3, padding: 1, weights: WeightSpec.Binary, activationBits: 2, negatedFraction: 0.5));
        yield return Case("negated/depthwise/c18", b => b.Input(18, 6, 6).DepthwiseConv2d(3, padding: 1, weights: WeightSpec.Signed(3), activationBits: 3, negatedFraction: 0.5));
        yield return Case("negated/add", b => b.Input(6, 5, 5).Residual(r => r.Conv2d(6, 3, padding: 1, activationBits: 4), activationBits: 2, negatedFraction: 0.5));
    }

    /// <summary>Several threshold layers in a row, moving between bitwidths and encodings.</summary>
    private static IEnumerable<TestModel> Chains()
    {
        yield return Case(
            "chain/a8-a1-a8",
            b => b.Input(3, 8, 8)
                .Conv2d(8, 3, padding: 1, weights: WeightSpec.Signed(8), activationBits: 8)
                .Conv2d(8, 3, padding: 1, weights: WeightSpec.Binary, activationBits: 1)
                .Conv2d(8, 3, padding: 1, weights: WeightSpec.Signed(4), activationBits: 8));
        yield return Case(
            "chain/binary-a1",
            b => b.Input(3, 10, 10, bits: 1)
                .Conv2d(16, 3, padding: 1, weights: WeightSpec.Binary, activationBits: 1)
                .Conv2d(16, 3, padding: 1, weights: WeightSpec.Binary, activationBits: 1)
                .MaxPool2d(2)
                .Conv2d(16, 3, weights: WeightSpec.Binary, activationBits: 1)
                .Flatten()
                .Linear(10, WeightSpec.Binary, activationBits: 1));
        yield return Case(
            "chain/ternary-a2",
            b => b.Input(3, 10, 10)
                .Conv2d(12, 3, stride: 2, padding: 1, weights: WeightSpec.Ternary, activationBits: 2)
                .Conv2d(12, 3, padding: 1, weights: WeightSpec.Ternary, activationBits: 2)
                .AvgPool2d(2)
                .Flatten()
                .Linear(16, WeightSpec.Ternary, activationBits: 2));
        yield return Case(
            "chain/signed-levels",
            b => b.Input(4, 8, 8, bits: 8, signed: true)
                .Conv2d(6, 3, padding: 1, activationBits: 4, signedActivations: true, activationZeroPoint: 1)
                .Conv2d(6, 3, padding: 1, activationBits: 2, signedActivations: true, activationZeroPoint: -1)
                .Conv2d(6, 3, padding: 1, activationBits: 8, signedActivations: true));
    }

    /// <summary>
    /// Layers the generator runs on bits (1-bit activations × ±1 weights): masked last words (8 and 16 channels),
    /// more than 31 words per window (byte counters widened mid-window), padding of level 0 and 1, strides,
    /// 1×1 convs over contiguous rows, partial channel blocks, linear layers with level and float outputs, a residual.
    /// </summary>
    private static IEnumerable<TestModel> Binary()
    {
        yield return Case("binary/conv2d/c8/k3s2p1", b => b.Input(8, 9, 9, bits: 1).Conv2d(20, 3, stride: 2, padding: 1, weights: WeightSpec.Binary, activationBits: 1, negatedFraction: 0.25));
        yield return Case("binary/conv2d/c64/k3p1", b => b.Input(64, 6, 6, bits: 1).Conv2d(32, 3, padding: 1, weights: WeightSpec.Binary, activationBits: 1));
        yield return Case("binary/conv2d/c128/k3", b => b.Input(128, 5, 5, bits: 1).Conv2d(16, 3, weights: WeightSpec.Binary, activationBits: 2));
        yield return Case("binary/conv2d/c32/k1", b => b.Input(32, 7, 7, bits: 1).Conv2d(24, 1, weights: WeightSpec.Binary, activationBits: 1));
        yield return Case("binary/conv2d/signed-pad", b => b.Input(16, 6, 6, bits: 1, signed: true).Conv2d(16, 3, padding: 1, weights: WeightSpec.Binary, activationBits: 1, signedActivations: true).Conv2d(8, 3, stride: 2, padding: 1, weights: WeightSpec.Binary, activationBits: 1));
        yield return Case("binary/linear/1024-float", b => b.InputVector(1024, bits: 1).Linear(10, WeightSpec.Binary, activationBits: 1));
        yield return Case("binary/linear/256-40-10", b => b.InputVector(256, bits: 1).Linear(40, WeightSpec.Binary, activationBits: 1, negatedFraction: 0.5).Linear(10, WeightSpec.Binary, activationBits: 1));
        yield return Case("binary/residual/c16", b => b.Input(16, 8, 8, bits: 1).Residual(r => r.Conv2d(16, 3, padding: 1, weights: WeightSpec.Binary, activationBits: 1), activationBits: 1));
    }

    /// <summary>Every op in one model, and a larger CNN.</summary>
    private static IEnumerable<TestModel> Big()
    {
        yield return Case(
            "all-ops/mixed",
            b => b.Input(3, 12, 12, bits: 8, zeroPoint: 128)
                .Conv2d(8, 3, padding: 1, weights: WeightSpec.Signed(3), activationBits: 4, negatedFraction: 0.25)
                .DepthwiseConv2d(3, stride: 2, padding: 1, weights: WeightSpec.Ternary, activationBits: 2, signedActivations: true)
                .Conv2d(8, 1, groups: 2, weights: WeightSpec.Binary, activationBits: 2)
                .Residual(
                    r => r.Conv2d(8, 3, padding: 1, weights: WeightSpec.Signed(2), activationBits: 2)
                        .Conv2d(8, new Window2d(1, 3, 1, 1, 0, 1, 0, 1), weights: WeightSpec.Signed(4), activationBits: 4),
                    activationBits: 4,
                    signedActivations: true)
                .MaxPool2d(3, 2, 1)
                .AvgPool2d(new Window2d(2, 2, 1, 1, 1, 1, 0, 0))
                .Conv2d(13, 3, padding: 1, weights: WeightSpec.Signed(8), activationBits: 8)
                .GlobalAvgPool()
                .Flatten()
                .Linear(7, WeightSpec.Binary, activationBits: 1)
                .Linear(10, WeightSpec.Signed(8)),
            addHead: false);
        yield return Case(
            "all-ops/low-bit",
            b => b.Input(5, 11, 11, bits: 2)
                .Conv2d(7, 3, stride: 2, padding: 1, weights: WeightSpec.Binary, activationBits: 1)
                .DepthwiseConv2d(3, padding: 1, weights: WeightSpec.Binary, activationBits: 1)
                .Residual(r => r.Conv2d(7, 1, weights: WeightSpec.Ternary, activationBits: 1), activationBits: 1)
                .AvgPool2d(3, 1, 1)
                .MaxPool2d(2, 2)
                .Conv2d(5, 3, padding: 1, weights: WeightSpec.Ternary, activationBits: 2)
                .GlobalAvgPool()
                .Flatten()
                .Linear(3, WeightSpec.Binary),
            addHead: false);
        yield return Case(
            "large/cnn32x32",
            b => b.Input(3, 32, 32)
                .Conv2d(16, 3, padding: 1, weights: WeightSpec.Signed(4), activationBits: 4)
                .Conv2d(32, 3, stride: 2, padding: 1, weights: WeightSpec.Signed(2), activationBits: 2)
                .Residual(r => r.Conv2d(32, 3, padding: 1, weights: WeightSpec.Signed(2), activationBits: 2).Conv2d(32, 3, padding: 1, weights: WeightSpec.Ternary, activationBits: 2), activationBits: 2)
                .MaxPool2d(2)
                .Conv2d(64, 3, padding: 1, weights: WeightSpec.Signed(2), activationBits: 2)
                .Conv2d(64, 1, weights: WeightSpec.Binary, activationBits: 4)
                .GlobalAvgPool()
                .Flatten()
                .Linear(10, WeightSpec.Signed(8)),
            addHead: false);
    }
}
