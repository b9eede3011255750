using System;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Onnx;

/// <summary>
/// The float model a quantized manifest approximates, for peers that run in real numbers (ONNX float and
/// QDQ, TorchSharp). A tensor's real value is (level − zp)·scale. Threshold requantization is read as a
/// uniform quantizer: the first threshold is where the output leaves its lowest level and the spacing of
/// the thresholds is one step, so the layer is y = clip(g·acc + h) to the output's real range. This is an
/// approximation (thresholds are rounded, may be non-uniform, and a 1-bit output has no spacing, taken as
/// one accumulator unit); the integer model is the manifest.
/// </summary>
public static class Dequantization
{
    public static RealRange RangeOf(LevelFormat levels) =>
        new((levels.Min - levels.ZeroPoint) * levels.Scale, (levels.Max - levels.ZeroPoint) * levels.Scale);

    public static DequantizedDot Dot(Layer layer, LevelFormat inputLevels)
    {
        var (requantization, outChannels) = layer switch
        {
            Conv2dLayer conv => (conv.Requantize, conv.OutChannels),
            LinearLayer linear => (linear.Requantize, linear.OutFeatures),
            _ => throw new ArgumentException($"Layer '{layer.Id}' ({layer.Op}) is not a conv or linear layer.", nameof(layer)),
        };
        var weights = WeightValues.Of(layer);
        var rowSums = WeightValues.RowSums(weights, outChannels);
        int fanIn = weights.Length / outChannels;
        var realWeights = new float[weights.Length];
        var bias = new float[outChannels];

        // acc = Σ w·(x/s_in + zp_in) = Σ w·x / s_in + zp_in·Σw.
        for (int c = 0; c < outChannels; c++)
        {
            var (gain, offset) = requantization switch
            {
                ThresholdRequantization thresholds => Affine(thresholds, c),
                FloatOutput output => ((double)output.Scale[c], (double)output.Bias[c]),
                _ => throw new ArgumentException($"Layer '{layer.Id}' has an unknown requantization.", nameof(layer)),
            };
            double weightGain = gain / inputLevels.Scale;
            for (int i = 0; i < fanIn; i++)
            {
                realWeights[(c * fanIn) + i] = (float)(weights[(c * fanIn) + i] * weightGain);
            }

            bias[c] = (float)((gain * inputLevels.ZeroPoint * rowSums[c]) + offset);
        }

        var clip = requantization is ThresholdRequantization t ? RangeOf(t.Levels) : null;
        return new DequantizedDot(realWeights, bias, clip);
    }

    public static DequantizedAdd Add(AddLayer add, LevelFormat first, LevelFormat second)
    {
        int channels = add.OutputShape.Channels;
        var a = new float[channels];
        var b = new float[channels];
        var bias = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            var (gain, offset) = Affine(add.Requantize, c);
            a[c] = (float)(gain * add.FirstMultiplier / first.Scale);
            b[c] = (float)(gain * add.SecondMultiplier / second.Scale);
            bias[c] = (float)((gain * ((add.FirstMultiplier * first.ZeroPoint) + (add.SecondMultiplier * second.ZeroPoint))) + offset);
        }

        return new DequantizedAdd(a, b, bias, RangeOf(add.Requantize.Levels));
    }

    /// <summary>
    /// Channel c's output as a real affine function of its accumulator, y ≈ gain·acc + offset: the level index
    /// passes ½ at the first threshold and rises one per threshold spacing Δ, and a level is worth the output scale.
    /// </summary>
    private static (double Gain, double Offset) Affine(ThresholdRequantization requantize, int channel)
    {
        var thresholds = requantize.ChannelThresholds(channel);
        int count = thresholds.Length;
        double spacing = count >= 2 ? ((double)thresholds[count - 1] - thresholds[0]) / (count - 1) : 1;
        if (!(spacing > 0))
        {
            spacing = 1;
        }

        var levels = requantize.Levels;
        double sign = requantize.IsNegated(channel) ? -1 : 1;
        double gain = levels.Scale / spacing;
        double offset = levels.Scale * (0.5 - (thresholds[0] / spacing) + levels.Min - levels.ZeroPoint);
        return (gain * sign, offset);
    }

    /// <summary>The per-channel real weights' largest magnitude, for symmetric int8 weight scales.</summary>
    internal static float[] RowMaxMagnitudes(float[] weights, int outChannels)
    {
        int fanIn = weights.Length / outChannels;
        return Enumerable.Range(0, outChannels)
            .Select(c => weights.AsSpan(c * fanIn, fanIn).ToArray().Select(MathF.Abs).DefaultIfEmpty(0f).Max())
            .ToArray();
    }
}
