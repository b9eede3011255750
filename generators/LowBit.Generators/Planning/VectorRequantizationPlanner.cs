using System;

namespace LowBit.Generators;

/// <summary>Chooses a channel-vector requantization for thresholds against sign · accumulator, and lays out its data.</summary>
internal static class VectorRequantizationPlanner
{
    /// <summary>More thresholds than this are counted by vector compares only when no closed form is exact.</summary>
    private const int MaxVectorThresholds = 15;

    /// <summary>With this few thresholds the compares cost no more than the closed form.</summary>
    private const int CompareCheaperUpTo = 3;

    /// <param name="thresholds">[channel][count], sorted per channel, against x = sign · accumulator.</param>
    /// <param name="ranges">Per channel, the range of x.</param>
    public static VectorRequantization Plan(int[] thresholds, int count, bool[] negated, (long Low, long High)[] ranges)
    {
        int channels = negated.Length;
        int blocks = (channels + VectorRequantization.BlockChannels - 1) / VectorRequantization.BlockChannels;
        var plan = new VectorRequantization { Blocks = blocks, ThresholdCount = count };
        if (count > CompareCheaperUpTo && TryAffine(plan, thresholds, count, negated, ranges))
        {
            plan.Mode = EpilogueMode.Affine;
            return plan;
        }

        if (count > MaxVectorThresholds)
        {
            plan.Mode = EpilogueMode.Raw;
            return plan;
        }

        plan.Mode = EpilogueMode.Thresholds;
        var vector = new int[blocks * count * VectorRequantization.BlockChannels];
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] = int.MaxValue;
        }

        bool anyNegated = false;
        for (int c = 0; c < channels; c++)
        {
            int block = c / VectorRequantization.BlockChannels, lane = c % VectorRequantization.BlockChannels;
            var (low, high) = ranges[c];
            anyNegated |= negated[c];
            for (int j = 0; j < count; j++)
            {
                long t = thresholds[(c * count) + j];
                vector[(((block * count) + j) * VectorRequantization.BlockChannels) + lane] = t <= low ? int.MinValue : t > high ? int.MaxValue : (int)(t - 1);
            }
        }

        plan.Thresholds = vector;
        if (Array.TrueForAll(ranges, r => r.Low >= -short.MaxValue && r.High <= short.MaxValue))
        {
            plan.Thresholds16 = Array.ConvertAll(vector, t => (short)Math.Min(Math.Max(t, short.MinValue), short.MaxValue));
        }

        if (anyNegated)
        {
            var masks = new int[blocks * VectorRequantization.BlockChannels];
            for (int c = 0; c < channels; c++)
            {
                masks[c] = negated[c] ? -1 : 0;
            }

            plan.SignMasks = masks;
        }

        return plan;
    }

    private static bool TryAffine(VectorRequantization plan, int[] thresholds, int count, bool[] negated, (long Low, long High)[] ranges)
    {
        var scales = new double[plan.Blocks * VectorRequantization.BlockChannels];
        var offsets = new double[scales.Length];
        var row = new int[count];
        for (int c = 0; c < negated.Length; c++)
        {
            Array.Copy(thresholds, c * count, row, 0, count);
            if (!AffineRequantization.TryFit(row, ranges[c].Low, ranges[c].High, negated[c], out scales[c], out offsets[c]))
            {
                return false;
            }
        }

        plan.Scales = scales;
        plan.Offsets = offsets;
        return true;
    }
}
