using System;
using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>
/// Moves a constant part of the accumulator into the thresholds: with acc = acc' + C,
/// s·acc ≥ T  ⇔  s·acc' ≥ T − s·C. Results outside int32 clamp to the extremes, which keeps
/// "never reached" and "always reached" intact because |acc'| is bounded well inside int32.
/// </summary>
internal static class ThresholdFolding
{
    public static int[] Fold(ThresholdRequantization requantization, int channels, Func<int, long> correction, bool[] negated)
    {
        int perChannel = requantization.ThresholdsPerChannel;
        var folded = new int[channels * perChannel];
        for (int c = 0; c < channels; c++)
        {
            long shift = negated[c] ? -correction(c) : correction(c);
            var row = requantization.ChannelThresholds(c);
            for (int j = 0; j < perChannel; j++)
            {
                long value = row[j] - shift;
                folded[(c * perChannel) + j] = (int)Math.Max(int.MinValue, Math.Min(int.MaxValue, value));
            }
        }

        return folded;
    }
}
