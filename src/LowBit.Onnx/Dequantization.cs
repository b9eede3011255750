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
/// one accumulator unit); the integer model is the manifest. Thresholds no accumulator of the layer can cross
/// (beyond its <see cref="AccumulatorBounds"/>) are levels never or always reached, not part of the quantizer's
/// spacing, and the clip covers only the levels reached.
/// </summary>
public static class Dequantization
{
    public static RealRange RangeOf(LevelFormat levels) =>
        new((levels.Min - levels.ZeroPoint) * levels.Scale, (levels.Max - levels.ZeroPoint) * levels.Scale);

    public static DequantizedDot Dot(Layer layer, LevelFormat inputLevels)
    {
        var (requantization, outChannels, bound) = layer switch
        {
            Conv2dLayer conv => (conv.Requantize, conv.OutChannels, AccumulatorBounds.DotProduct(conv.FanIn, conv.Weights.Encoding, conv.Weights.Bits, inputLevels)),
            LinearLayer linear => (linear.Requantize, linear.OutFeatures, AccumulatorBounds.DotProduct(linear.InFeatures, linear.Weights.Encoding, linear.Weights.Bits, inputLevels)),
            _ => throw new ArgumentException($"Layer '{layer.Id}' ({layer.Op}) is not a conv or linear layer.", nameof(layer)),
        };
        var weights = WeightValues.Of(layer);
        var rowSums = WeightValues.RowSums(weights, outChannels);
        int fanIn = weights.Length / outChannels;
        var realWeights = new float[weights.Length];
        var bias = new float[outChannels];
        var steps = new float[outChannels];

        // acc = Σ w·(x/s_in + zp_in) = Σ w·x / s_in + zp_in·Σw.
        for (int c = 0; c < outChannels; c++)
        {
            var (gain, offset) = requantization switch
            {
                ThresholdRequantization thresholds => Affine(thresholds, c, bound),
                FloatOutput output => ((double)output.Scale[c], (double)output.Bias[c]),
                _ => throw new ArgumentException($"Layer '{layer.Id}' has an unknown requantization.", nameof(layer)),
            };
            double weightGain = gain / inputLevels.Scale;
            steps[c] = weightGain == 0 ? 1f : (float)Math.Abs(weightGain);
            for (int i = 0; i < fanIn; i++)
            {
                realWeights[(c * fanIn) + i] = (float)(weights[(c * fanIn) + i] * weightGain);
            }

            bias[c] = (float)((gain * inputLevels.ZeroPoint * rowSums[c]) + offset);
        }

        var clip = requantization is ThresholdRequantization t ? ReachableRange(t, bound) : null;
        return new DequantizedDot(realWeights, bias, clip, steps);
    }

    public static DequantizedAdd Add(AddLayer add, LevelFormat first, LevelFormat second)
    {
        int channels = add.OutputShape.Channels;
        long bound = AccumulatorBounds.Add(add.FirstMultiplier, first, add.SecondMultiplier, second);
        var a = new float[channels];
        var b = new float[channels];
        var bias = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            var (gain, offset) = Affine(add.Requantize, c, bound);
            a[c] = (float)(gain * add.FirstMultiplier / first.Scale);
            b[c] = (float)(gain * add.SecondMultiplier / second.Scale);
            bias[c] = (float)((gain * ((add.FirstMultiplier * first.ZeroPoint) + (add.SecondMultiplier * second.ZeroPoint))) + offset);
        }

        return new DequantizedAdd(a, b, bias, ReachableRange(add.Requantize, bound));
    }

    /// <summary>
    /// Channel c's output as a real affine function of its accumulator, y ≈ gain·acc + offset: the level index
    /// passes ½ at the first crossable threshold and rises one per threshold spacing Δ, and a level is worth the output scale.
    /// </summary>
    private static (double Gain, double Offset) Affine(ThresholdRequantization requantize, int channel, long bound)
    {
        var (always, crossed) = Crossable(requantize, channel, bound);
        var levels = requantize.Levels;
        double lowest = levels.Min + always - levels.ZeroPoint;
        if (crossed.Length == 0)
        {
            return (0, levels.Scale * lowest);
        }

        int count = crossed.Length;
        double spacing = count >= 2 ? ((double)crossed[count - 1] - crossed[0]) / (count - 1) : 1;
        if (!(spacing > 0))
        {
            spacing = 1;
        }

        double sign = requantize.IsNegated(channel) ? -1 : 1;
        double gain = levels.Scale / spacing;
        double offset = levels.Scale * (0.5 - (crossed[0] / spacing) + lowest);
        return (gain * sign, offset);
    }

    /// <summary>
    /// A channel's thresholds that an accumulator within ±<paramref name="bound"/> (the layer's largest) can cross,
    /// after the <c>Always</c> ones at or below −bound that every accumulator reaches. A threshold above the bound
    /// marks a level no input reaches (the importer writes bound + 1 for a narrow quantizer's missing top level):
    /// read as part of the quantizer it would stretch the spacing and drop the clip below that level.
    /// </summary>
    internal static (int Always, int[] Crossed) Crossable(ThresholdRequantization requantize, int channel, long bound)
    {
        var thresholds = requantize.ChannelThresholds(channel);
        int always = 0, reachable = 0;
        foreach (int t in thresholds)
        {
            always += t <= -bound ? 1 : 0;
            reachable += t <= bound ? 1 : 0;
        }

        return (always, thresholds[always..reachable].ToArray());
    }

    /// <summary>The real values of the levels some channel can output: the clip of the dequantized layer.</summary>
    private static RealRange ReachableRange(ThresholdRequantization requantize, long bound)
    {
        int channels = requantize.Thresholds.Length / requantize.ThresholdsPerChannel;
        var reachable = Enumerable.Range(0, channels).Select(c => Crossable(requantize, c, bound)).ToArray();
        var levels = requantize.Levels;
        int low = levels.Min + reachable.Min(r => r.Always);
        int high = levels.Min + reachable.Max(r => r.Always + r.Crossed.Length);
        return new RealRange((low - levels.ZeroPoint) * levels.Scale, (high - levels.ZeroPoint) * levels.Scale);
    }
}
