using System;
using System.Collections.Generic;
using System.Linq;

namespace LowBit.Manifest.Tests.Support;

/// <summary>Structural equality of two manifests, comparing floats by their bits (so −0 ≠ +0 and subnormals count).</summary>
public static class ManifestAssert
{
    public static void Equal(ModelManifest expected, ModelManifest actual)
    {
        Assert.Equal(expected.FormatVersion, actual.FormatVersion);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Producer, actual.Producer);
        Assert.Equal(expected.Input.Shape, actual.Input.Shape);
        LevelsEqual(expected.Input.Levels, actual.Input.Levels, "input");
        Assert.Equal(expected.Layers.Count, actual.Layers.Count);
        for (int i = 0; i < expected.Layers.Count; i++)
        {
            LayerEqual(expected.Layers[i], actual.Layers[i], $"layers[{i}]");
        }
    }

    public static void FloatBitsEqual(float expected, float actual, string what) =>
        Assert.True(
            BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
            $"{what}: expected {expected:R} (0x{BitConverter.SingleToInt32Bits(expected):X8}), found {actual:R} (0x{BitConverter.SingleToInt32Bits(actual):X8})");

    private static void LevelsEqual(LevelFormat expected, LevelFormat actual, string what)
    {
        Assert.Equal(expected.Bits, actual.Bits);
        Assert.Equal(expected.Signed, actual.Signed);
        Assert.Equal(expected.ZeroPoint, actual.ZeroPoint);
        FloatBitsEqual(expected.Scale, actual.Scale, what + ".scale");
    }

    private static void LayerEqual(Layer expected, Layer actual, string what)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Op, actual.Op);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Inputs, actual.Inputs);
        Assert.Equal(expected.OutputShape, actual.OutputShape);
        switch (expected)
        {
            case Conv2dLayer conv:
                var actualConv = (Conv2dLayer)actual;
                Assert.Equal(conv.InChannels, actualConv.InChannels);
                Assert.Equal(conv.OutChannels, actualConv.OutChannels);
                Assert.Equal(conv.Window, actualConv.Window);
                Assert.Equal(conv.Groups, actualConv.Groups);
                WeightsEqual(conv.Weights, actualConv.Weights);
                RequantizationEqual(conv.Requantize, actualConv.Requantize, what + ".requantize");
                break;
            case LinearLayer linear:
                var actualLinear = (LinearLayer)actual;
                Assert.Equal(linear.InFeatures, actualLinear.InFeatures);
                Assert.Equal(linear.OutFeatures, actualLinear.OutFeatures);
                WeightsEqual(linear.Weights, actualLinear.Weights);
                RequantizationEqual(linear.Requantize, actualLinear.Requantize, what + ".requantize");
                break;
            case MaxPool2dLayer maxPool:
                Assert.Equal(maxPool.Window, ((MaxPool2dLayer)actual).Window);
                break;
            case AvgPool2dLayer avgPool:
                Assert.Equal(avgPool.Window, ((AvgPool2dLayer)actual).Window);
                break;
            case AddLayer add:
                var actualAdd = (AddLayer)actual;
                Assert.Equal(add.FirstMultiplier, actualAdd.FirstMultiplier);
                Assert.Equal(add.SecondMultiplier, actualAdd.SecondMultiplier);
                RequantizationEqual(add.Requantize, actualAdd.Requantize, what + ".requantize");
                break;
            case GlobalAvgPoolLayer:
            case FlattenLayer:
                break;
            default:
                throw new InvalidOperationException($"ManifestAssert does not know {expected.GetType().Name}; extend it.");
        }
    }

    private static void WeightsEqual(PackedWeights expected, PackedWeights actual)
    {
        Assert.Equal(expected.Encoding, actual.Encoding);
        Assert.Equal(expected.Bits, actual.Bits);
        Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
    }

    private static void RequantizationEqual(Requantization expected, Requantization actual, string what)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected)
        {
            case ThresholdRequantization thresholds:
                var actualThresholds = (ThresholdRequantization)actual;
                LevelsEqual(thresholds.Levels, actualThresholds.Levels, what);
                Assert.Equal(thresholds.Thresholds.ToArray(), actualThresholds.Thresholds.ToArray());
                Assert.Equal(thresholds.NegatedChannels.ToArray(), actualThresholds.NegatedChannels.ToArray());
                break;
            case FloatOutput output:
                var actualOutput = (FloatOutput)actual;
                FloatsBitsEqual(output.Scale.ToArray(), actualOutput.Scale.ToArray(), what + ".scale");
                FloatsBitsEqual(output.Bias.ToArray(), actualOutput.Bias.ToArray(), what + ".bias");
                break;
        }
    }

    private static void FloatsBitsEqual(IReadOnlyList<float> expected, IReadOnlyList<float> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            FloatBitsEqual(expected[i], actual[i], $"{what}[{i}]");
        }
    }
}
