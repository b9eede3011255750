using System;
using System.Collections.Generic;
using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>
/// Derives a layer's integer thresholds from the graph itself: for each channel the graph's level is a
/// monotone function of the integer accumulator (every step between them — scale, bias, BatchNorm, ReLU,
/// the quantizer — is monotone in float32), so threshold j is the smallest accumulator whose level
/// reaches j, found by binary search over the accumulator's exact range. The result reproduces the
/// graph's float32 decisions for every reachable accumulator, ties and rounding modes included.
/// </summary>
internal static class ThresholdSearch
{
    public static ThresholdRequantization Derive(AccumulatorSymbol accumulator, ActivationQuantizer quantizer, out int negatedCount)
    {
        int channels = accumulator.Layer.OutChannels;
        int perChannel = (1 << quantizer.Bits) - 1;
        var thresholds = new int[channels * perChannel];
        var negated = new List<int>();
        long never = Math.Min(accumulator.Layer.Bound + 1, int.MaxValue);
        for (int c = 0; c < channels; c++)
        {
            var (low, high) = accumulator.Layer.Range(c);
            int channel = c;
            Func<long, int> level = a => quantizer.Level(accumulator.Value(a, channel), channel);
            bool decreasing = level(low) > level(high);
            if (decreasing)
            {
                negated.Add(c);
                (low, high) = (-high, -low);
                var increasing = level;
                level = a => increasing(-a);
            }

            for (int j = 1; j <= perChannel; j++)
            {
                thresholds[c * perChannel + j - 1] = checked((int)SmallestReaching(level, j, low, high, never));
            }

            CheckMonotone(quantizer, c, level, thresholds.AsSpan(c * perChannel, perChannel), low, high);
        }

        negatedCount = negated.Count;
        int zeroLevel = ZeroLevel(quantizer);
        var format = new LevelFormat(quantizer.Bits, Signed: false, ZeroPoint: zeroLevel, Scale: (float)(quantizer.Alpha * quantizer.Scale));
        return new ThresholdRequantization(format, thresholds, negated.ToArray());
    }

    /// <summary>The level whose real value is 0 (α·L + β = 0), or 0 when no level is exactly zero (bipolar).</summary>
    public static int ZeroLevel(ActivationQuantizer quantizer) =>
        -quantizer.Beta % quantizer.Alpha == 0 && -quantizer.Beta / quantizer.Alpha is var l && l >= 0 && l < quantizer.LevelCount ? l : 0;

    /// <summary>
    /// The search is exact only for a monotone level function; check that the thresholds' count equals the
    /// graph's level on evenly spread accumulators, so a non-monotone step is refused, never mis-imported.
    /// </summary>
    private static void CheckMonotone(ActivationQuantizer quantizer, int channel, Func<long, int> level, ReadOnlySpan<int> thresholds, long low, long high)
    {
        const int Samples = 64;
        for (int s = 0; s <= Samples; s++)
        {
            long a = low + ((high - low) * s / Samples);
            int count = 0;
            foreach (int t in thresholds)
            {
                count += a >= t ? 1 : 0;
            }

            if (count != level(a))
            {
                throw OnnxImportException.AtNode(quantizer.Node, $"channel {channel}: the level is not a monotone function of the accumulator (at {a} the graph gives level {level(a)}, the thresholds {count}); the steps before this quantizer cannot be folded into thresholds.");
            }
        }
    }

    /// <summary>
    /// min{a ∈ [low, high] : level(a) ≥ j}; <paramref name="never"/> (beyond every accumulator the manifest can
    /// produce) when no accumulator of the graph reaches it: a narrow quantizer's missing top level then stays
    /// missing even for manifest inputs the graph clamps differently, and exporters see the level as unreachable.
    /// </summary>
    private static long SmallestReaching(Func<long, int> level, int j, long low, long high, long never)
    {
        if (level(high) < j)
        {
            return never;
        }

        while (low < high)
        {
            long middle = low + ((high - low) / 2);
            if (level(middle) >= j)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
