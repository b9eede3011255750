using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Onnx;

/// <summary>
/// A threshold layer spelled as ONNX Runtime's fused int8 requantization,
/// q = min(clamp(round_half_even(float32(acc' + b_c) · M_c), 0, 255), top), with the weights doubled and signed
/// per channel (acc' = 2·s_c·acc, s_c = −1 for a negated channel) and M_c = 1/(2Δ_c) for thresholds Δ_c apart.
/// Doubling makes every acc' + b_c an odd distance from a rounding boundary, so neither ties nor float32
/// rounding can move a level. Possible when each channel's crossable thresholds are equally spaced (always so for
/// one or two: a narrow 3-level quantizer), the channel's level below the first is the lowest it ever takes, and
/// the levels past its last are capped by the tensor's top level; checked at every threshold and both bounds.
/// </summary>
internal sealed record ThresholdAffineFit(int[] Bias, float[] Multiplier, int[] Sign, int TopLevel)
{
    /// <summary>Past ±2^22 a float32 product could round across the one-unit margin the doubling leaves.</summary>
    private const long ExactRange = 1L << 22;

    public static ThresholdAffineFit For(string layerId, ThresholdRequantization requantize, long bound)
    {
        if (requantize.Levels.Min != 0)
        {
            throw new NotSupportedException($"Layer '{layerId}': signed output levels have no uint8 form on their own grid.");
        }

        int channels = requantize.Thresholds.Length / requantize.ThresholdsPerChannel;
        var crossable = Enumerable.Range(0, channels).Select(c => Dequantization.Crossable(requantize, c, bound)).ToArray();
        int top = crossable.Max(r => r.Always + r.Crossed.Length);
        var bias = new int[channels];
        var multiplier = new float[channels];
        var sign = new int[channels];
        for (int c = 0; c < channels; c++)
        {
            var (always, crossed) = crossable[c];
            long spacing = crossed.Length >= 2 ? crossed[1] - crossed[0] : (2 * bound) + 2;
            if (crossed.Zip(crossed.Skip(1), (a, b) => b - a).Any(gap => gap != spacing))
            {
                throw new NotSupportedException($"Layer '{layerId}' channel {c}: thresholds {string.Join(", ", crossed)} are not equally spaced, so no linear requantization reproduces them.");
            }

            long offset = crossed.Length == 0 ? 2 * spacing * always : spacing + 1 + (2 * spacing * always) - (2L * crossed[0]);
            if ((2 * bound) + Math.Abs(offset) >= ExactRange)
            {
                throw new NotSupportedException($"Layer '{layerId}' channel {c}: accumulators up to {bound} with bias {offset} leave float32's exact range.");
            }

            (bias[c], multiplier[c], sign[c]) = ((int)offset, (float)(1.0 / (2 * spacing)), requantize.IsNegated(c) ? -1 : 1);
            Check(layerId, c, always, crossed, bound, (int)offset, multiplier[c], top);
        }

        return new ThresholdAffineFit(bias, multiplier, sign, top);
    }

    /// <summary>ONNX Runtime's level for a = s_c·acc, as MlasRequantizeOutput computes it, then the Clip.</summary>
    private static int Level(long a, int bias, float multiplier, int top)
    {
        float scaled = Math.Clamp((float)((2 * a) + bias) * multiplier, 0f, 255f);
        return Math.Min((int)MathF.Round(scaled, MidpointRounding.ToEven), top);
    }

    /// <summary>The level is a monotone step function, so agreeing on both sides of every threshold and at both bounds is agreeing everywhere.</summary>
    private static void Check(string layerId, int channel, int always, int[] crossed, long bound, int bias, float multiplier, int top)
    {
        var points = new List<long> { -bound, bound };
        points.AddRange(crossed.SelectMany(t => new long[] { t - 1, t }).Where(a => a >= -bound && a <= bound));
        foreach (long a in points)
        {
            int expected = always + crossed.Count(t => t <= a);
            int level = Level(a, bias, multiplier, top);
            if (level != expected)
            {
                throw new NotSupportedException($"Layer '{layerId}' channel {channel}: at accumulator {a} the thresholds give level {expected}, the linear requantization {level}.");
            }
        }
    }
}
