using System;
using System.Linq;

namespace LowBit.Manifest.Tests.Support;

/// <summary>Small valid models built with the public model API (independent of LowBit.TestModels).</summary>
public static class SampleModels
{
    public static readonly Producer Producer = new("lowbit-tests", "0.1.0");

    public static LevelFormat Unsigned(int bits, float scale = 0.05f, int zeroPoint = 0) => new(bits, false, zeroPoint, scale);

    public static LevelFormat Signed(int bits, float scale = 0.05f, int zeroPoint = 0) => new(bits, true, zeroPoint, scale);

    /// <summary>Deterministic weights cycling through every value the encoding allows.</summary>
    public static sbyte[] WeightValues(WeightEncoding encoding, int bits, long count, int seed = 0)
    {
        var (min, max) = PackedWeights.Range(encoding, bits);
        var allowed = Enumerable.Range(min, max - min + 1)
            .Where(v => encoding != WeightEncoding.Binary || v != 0)
            .Select(v => (sbyte)v)
            .ToArray();
        var values = new sbyte[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = allowed[(int)((i * 7 + seed) % allowed.Length)];
        }

        return values;
    }

    public static PackedWeights Weights(WeightEncoding encoding, int bits, long count, int seed = 0) =>
        PackedWeights.Pack(encoding, bits, WeightValues(encoding, bits, count, seed));

    /// <summary>Non-decreasing thresholds per channel, different per channel.</summary>
    public static ThresholdRequantization Thresholds(LevelFormat levels, int channels, int[]? negatedChannels = null)
    {
        int perChannel = levels.LevelCount - 1;
        var thresholds = new int[channels * perChannel];
        for (int c = 0; c < channels; c++)
        {
            for (int j = 0; j < perChannel; j++)
            {
                thresholds[c * perChannel + j] = -40 + c * 3 + j * 5;
            }
        }

        return new ThresholdRequantization(levels, thresholds, negatedChannels);
    }

    public static FloatOutput Output(int channels) => new(
        Enumerable.Range(0, channels).Select(c => 0.01f * (c + 1)).ToArray(),
        Enumerable.Range(0, channels).Select(c => c - 0.5f).ToArray());

    public static ModelManifest Manifest(InputSpec input, params Layer[] layers) =>
        new("sample-model", Producer, input, layers);

    public static string[] From(params string[] ids) => ids;

    /// <summary>
    /// input [1, 6, 6] → conv2d "conv" (1→4, 3×3, signed 4-bit weights, u2 levels) → flatten "flat" [64]
    /// → linear "fc" (64→3, float output). The weight encoding and level format of the conv and the input
    /// are parameters so round-trip tests can vary them.
    /// </summary>
    public static ModelManifest ConvFlattenLinear(
        WeightEncoding convEncoding = WeightEncoding.Signed,
        int convBits = 4,
        LevelFormat? inputLevels = null,
        LevelFormat? convLevels = null,
        WeightEncoding fcEncoding = WeightEncoding.Binary,
        int fcBits = 1,
        FloatOutput? output = null)
    {
        var input = new InputSpec(TensorShape.Chw(1, 6, 6), inputLevels ?? Unsigned(8, 1f / 255));
        var conv = new Conv2dLayer(
            "conv",
            From("input"),
            TensorShape.Chw(4, 4, 4),
            inChannels: 1,
            outChannels: 4,
            Window2d.Square(3),
            groups: 1,
            Weights(convEncoding, convBits, 4 * 1 * 3 * 3),
            Thresholds(convLevels ?? Unsigned(2), 4));
        var flatten = new FlattenLayer("flat", From("conv"), TensorShape.Vector(64));
        var fc = new LinearLayer(
            "fc",
            From("flat"),
            TensorShape.Vector(3),
            inFeatures: 64,
            outFeatures: 3,
            Weights(fcEncoding, fcBits, 3 * 64, seed: 1),
            output ?? Output(3));
        return Manifest(input, conv, flatten, fc);
    }

    /// <summary>
    /// Every op of manifest v1: ternary conv with negated channels and asymmetric padding, max pool,
    /// depthwise conv with a non-square kernel and stride, residual add, average pool, global average
    /// pool, flatten, and a binary linear layer with float output.
    /// </summary>
    public static ModelManifest AllOps()
    {
        var input = new InputSpec(TensorShape.Chw(2, 8, 8), Signed(4, 0.125f, zeroPoint: -1));
        var layers = new Layer[]
        {
            // [2, 8, 8] → [4, 8, 8]
            new Conv2dLayer(
                "stem",
                From("input"),
                TensorShape.Chw(4, 8, 8),
                inChannels: 2,
                outChannels: 4,
                new Window2d(3, 3, 1, 1, 1, 1, 1, 1),
                groups: 1,
                Weights(WeightEncoding.Ternary, 2, 4 * 2 * 3 * 3),
                Thresholds(Unsigned(3, 0.25f), 4, negatedChannels: new[] { 1, 3 })),

            // [4, 8, 8] → [4, 4, 4]
            new MaxPool2dLayer("pool", From("stem"), TensorShape.Chw(4, 4, 4), Window2d.Square(2, stride: 2)),

            // depthwise, kernel 1×3, stride [1, 1], padding [0, 1, 0, 1]: [4, 4, 4] → [4, 4, 4]
            new Conv2dLayer(
                "depthwise",
                From("pool"),
                TensorShape.Chw(4, 4, 4),
                inChannels: 4,
                outChannels: 4,
                new Window2d(1, 3, 1, 1, 0, 1, 0, 1),
                groups: 4,
                Weights(WeightEncoding.Signed, 3, 4 * 1 * 1 * 3, seed: 2),
                Thresholds(Unsigned(3, 0.5f), 4)),

            // residual: pool + depthwise → [4, 4, 4], signed levels
            new AddLayer("residual", From("pool", "depthwise"), TensorShape.Chw(4, 4, 4), 3, -2, Thresholds(Signed(4, 0.75f, zeroPoint: 2), 4)),

            // strided conv with a non-square kernel: [4, 4, 4] → [6, 4, 2]
            new Conv2dLayer(
                "wide",
                From("residual"),
                TensorShape.Chw(6, 4, 2),
                inChannels: 4,
                outChannels: 6,
                new Window2d(3, 2, 1, 2, 1, 0, 1, 0),
                groups: 2,
                Weights(WeightEncoding.Signed, 5, 6 * 2 * 3 * 2, seed: 3),
                Thresholds(Unsigned(5, 0.1f, zeroPoint: 7), 6, negatedChannels: new[] { 0 })),

            // [6, 4, 2] → [6, 2, 1]
            new AvgPool2dLayer("avg", From("wide"), TensorShape.Chw(6, 2, 1), new Window2d(2, 2, 2, 2, 0, 0, 0, 0)),

            // [6, 2, 1] → [6, 1, 1]
            new GlobalAvgPoolLayer("gap", From("avg"), TensorShape.Chw(6, 1, 1)),

            // [6, 1, 1] → [6]
            new FlattenLayer("flat", From("gap"), TensorShape.Vector(6)),

            // [6] → [5]
            new LinearLayer("fc", From("flat"), TensorShape.Vector(5), 6, 5, Weights(WeightEncoding.Binary, 1, 30, seed: 4), Output(5)),
        };
        return Manifest(input, layers);
    }

    /// <summary>A one-layer model: input vector → linear with float output.</summary>
    public static ModelManifest SingleLinear(int inFeatures, WeightEncoding encoding, int bits, LevelFormat inputLevels, int outFeatures = 1) =>
        Manifest(
            new InputSpec(TensorShape.Vector(inFeatures), inputLevels),
            new LinearLayer("fc", From("input"), TensorShape.Vector(outFeatures), inFeatures, outFeatures, Weights(encoding, bits, (long)inFeatures * outFeatures), Output(outFeatures)));

    /// <summary>Every valid (encoding, bits) pair.</summary>
    public static TheoryData<WeightEncoding, int> AllWeightFormats()
    {
        var data = new TheoryData<WeightEncoding, int> { { WeightEncoding.Binary, 1 }, { WeightEncoding.Ternary, 2 } };
        for (int bits = 2; bits <= 8; bits++)
        {
            data.Add(WeightEncoding.Signed, bits);
        }

        return data;
    }
}
