using LowBit.Manifest;

namespace LowBit.Runtime.Tests;

/// <summary>
/// The 2-layer model of docs/integer-contract.md ("Worked example"), built value by value so the
/// test can check every number the document computes by hand.
/// </summary>
internal static class WorkedExample
{
    public static readonly float[] Input = { 0.30f, -1.10f, 2.50f, 0.125f };

    public static readonly int[] InputLevels = { 9, 4, 15, 8 };

    public static readonly int[] HiddenAccumulators = { 2, 11, -5 };

    public static readonly int[] HiddenLevels = { 2, 2, 3 };

    public static readonly int[] LogitAccumulators = { 5, -2 };

    public static readonly float[] Output = { 1.5f, -0.375f };

    public static readonly sbyte[] HiddenWeights =
    {
        1, 0, -1, 1,
        0, 1, 1, -1,
        -1, -1, 0, 1,
    };

    public static readonly byte[] HiddenWeightBytes = { 0x71, 0xD4, 0x4F };

    public static readonly sbyte[] LogitWeights =
    {
        3, -2, 1,
        -4, 0, 2,
    };

    public static readonly byte[] LogitWeightBytes = { 0x73, 0x08, 0x01 };

    public static ModelManifest Build()
    {
        var input = new InputSpec(TensorShape.Vector(4), new LevelFormat(Bits: 4, Signed: false, ZeroPoint: 8, Scale: 0.25f));
        var hidden = new LinearLayer(
            "hidden",
            new[] { ManifestFormat.InputId },
            TensorShape.Vector(3),
            inFeatures: 4,
            outFeatures: 3,
            PackedWeights.Pack(WeightEncoding.Ternary, 2, HiddenWeights),
            new ThresholdRequantization(
                new LevelFormat(Bits: 2, Signed: false, ZeroPoint: 0, Scale: 0.5f),
                thresholds: new[] { -4, 0, 6, 0, 8, 16, -2, 3, 5 },
                negatedChannels: new[] { 2 }));
        var logits = new LinearLayer(
            "logits",
            new[] { "hidden" },
            TensorShape.Vector(2),
            inFeatures: 3,
            outFeatures: 2,
            PackedWeights.Pack(WeightEncoding.Signed, 3, LogitWeights),
            new FloatOutput(scale: new[] { 0.5f, 0.25f }, bias: new[] { -1f, 0.125f }));
        return new ModelManifest("worked_example", new Producer("LowBit.Runtime.Tests", "1.0.0"), input, new Layer[] { hidden, logits });
    }
}
