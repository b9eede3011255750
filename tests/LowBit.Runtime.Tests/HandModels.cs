using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Runtime.Tests;

/// <summary>
/// Small models with every value chosen by hand. <see cref="WithHead"/> appends the float-output layer
/// every manifest must end with, so a test can run one op and read its levels with LayerOutput.
/// </summary>
internal static class HandModels
{
    public static InputSpec Input(TensorShape shape, int bits = 8, bool signed = false, int zeroPoint = 0, float scale = 1f) =>
        new(shape, new LevelFormat(bits, signed, zeroPoint, scale));

    public static ThresholdRequantization Thresholds(int bits, int[] thresholds, int[]? negated = null, bool signed = false, int zeroPoint = 0) =>
        new(new LevelFormat(bits, signed, zeroPoint, 1f), thresholds, negated);

    /// <summary>8-bit unsigned identity: level = clamp(acc, 0, 255), via thresholds 1 … 255 per channel.</summary>
    public static ThresholdRequantization Identity8(int channels) =>
        Thresholds(8, Enumerable.Range(0, channels).SelectMany(_ => Enumerable.Range(1, 255)).ToArray());

    public static PackedWeights Signed(int bits, params sbyte[] values) => PackedWeights.Pack(WeightEncoding.Signed, bits, values);

    public static ModelManifest WithHead(InputSpec input, params Layer[] layers)
    {
        var last = layers.Length == 0 ? null : layers[layers.Length - 1];
        var shape = last?.OutputShape ?? input.Shape;
        var source = last?.Id ?? ManifestFormat.InputId;
        Layer head = shape.Rank == 3
            ? new Conv2dLayer(
                "head",
                new[] { source },
                TensorShape.Chw(1, shape.Height, shape.Width),
                shape.Channels,
                1,
                Window2d.Square(1),
                1,
                Signed(2, Enumerable.Repeat((sbyte)1, shape.Channels).ToArray()),
                new FloatOutput(new[] { 1f }, new[] { 0f }))
            : new LinearLayer(
                "head",
                new[] { source },
                TensorShape.Vector(1),
                shape.Channels,
                1,
                Signed(2, Enumerable.Repeat((sbyte)1, shape.Channels).ToArray()),
                new FloatOutput(new[] { 1f }, new[] { 0f }));
        var all = new List<Layer>(layers) { head };
        return new ModelManifest("hand_model", new Producer("LowBit.Runtime.Tests", "1.0.0"), input, all);
    }

    /// <summary>Runs the model on input levels given directly (scale 1, zero point 0 makes x = level).</summary>
    public static ReferenceInterpreter Run(ModelManifest model, params float[] input)
    {
        var interpreter = new ReferenceInterpreter(model);
        interpreter.Predict(input, new float[interpreter.OutputLength]);
        return interpreter;
    }
}
