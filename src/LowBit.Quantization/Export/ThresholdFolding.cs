using System;
using System.Collections.Generic;
using LowBit.Quantization.Quantizers;

namespace LowBit.Quantization.Export;

/// <summary>
/// Turns <c>level = #{ j : A·acc + B ≥ b_j }</c> into the contract's integer form
/// <c>level = #{ j : s·acc ≥ T_j }</c>: for A &gt; 0, s = +1 and T_j = ⌈(b_j − B)/A⌉; for A &lt; 0 the
/// inequality flips, so the channel is negated (s = −1) and T_j = ⌈(b_j − B)/|A|⌉. Thresholds are clamped
/// to the accumulator's proven range, where anything beyond it is "always" or "never".
/// </summary>
internal static class ThresholdFolding
{
    public static (int[] Thresholds, int[] NegatedChannels) Fold(AffineFold fold, ActivationGrid grid, long accumulatorBound)
    {
        var perChannel = grid.Boundaries.Count;
        var thresholds = new int[fold.Channels * perChannel];
        var negated = new List<int>();
        var low = -accumulatorBound;
        var high = Math.Min(accumulatorBound + 1, int.MaxValue);
        for (var c = 0; c < fold.Channels; c++)
        {
            var slope = fold.Slope[c];
            if (slope < 0)
            {
                negated.Add(c);
            }

            for (var j = 0; j < perChannel; j++)
            {
                var gap = grid.Boundaries[j] - fold.Offset[c];
                double threshold = slope == 0
                    ? (gap <= 0 ? low : high)
                    : Math.Ceiling(gap / Math.Abs(slope));
                thresholds[(c * perChannel) + j] = (int)Math.Clamp(threshold, low, high);
            }
        }

        return (thresholds, negated.ToArray());
    }
}
