using System;
using LowBit.Manifest;

namespace LowBit.TestModels;

/// <summary>
/// Chooses thresholds from an estimate of the accumulator's distribution: for k = 2^bits − 1
/// thresholds, T[j] = ⌈μ + σ·Φ⁻¹((j + 1) / (k + 1))⌉ — the quantiles of a normal with the
/// accumulator's mean and deviation — so each output level is about equally likely and no layer's
/// output is stuck at one level. With <c>uniform</c> the thresholds are instead equally spaced between
/// the same outermost quantiles, T[j] = ⌈μ + σ·(z₀ + j·Δ)⌉: the affine thresholds a uniform quantizer
/// (STE, LSQ, DSQ, ONNX QuantizeLinear) exports, which the generator can replace by a closed form.
/// </summary>
internal static class ThresholdPlacement
{
    private const double MinDeviation = 0.5;

    // Φ⁻¹((j + 1) / 2^bits) for every bitwidth, computed once.
    private static readonly double[][] Quantiles = CreateQuantiles();

    /// <summary>Thresholds for every channel and the resulting level probabilities.</summary>
    public static (ThresholdRequantization Requantization, LevelStatistics Statistics) Place(
        LevelFormat levels,
        double[] means,
        double[] variances,
        int[] negatedChannels,
        int elementsPerGroup,
        bool uniform = false)
    {
        int channels = means.Length;
        int perChannel = levels.LevelCount - 1;
        var z = uniform ? Equidistant(Quantiles[levels.Bits]) : Quantiles[levels.Bits];
        var thresholds = new int[channels * perChannel];
        var probabilities = new double[channels][];
        int nextNegated = 0;
        for (int c = 0; c < channels; c++)
        {
            bool negated = nextNegated < negatedChannels.Length && negatedChannels[nextNegated] == c;
            if (negated)
            {
                nextNegated++;
            }

            // The comparison sees s·acc, s = −1 for negated channels.
            double mean = negated ? -means[c] : means[c];
            double deviation = Math.Max(Math.Sqrt(Math.Max(variances[c], 0)), MinDeviation);
            probabilities[c] = new double[levels.LevelCount];
            double reachedPrevious = 1;
            for (int j = 0; j < perChannel; j++)
            {
                double t = Math.Ceiling(mean + (deviation * z[j]));
                int threshold = t <= int.MinValue ? int.MinValue : t >= int.MaxValue ? int.MaxValue : (int)t;
                thresholds[(c * perChannel) + j] = threshold;

                // P(s·acc ≥ T) for an integer accumulator, with a continuity correction.
                double reached = 1 - DeterministicMath.NormalCdf((threshold - 0.5 - mean) / deviation);
                probabilities[c][j] = Math.Max(0, reachedPrevious - reached);
                reachedPrevious = reached;
            }

            probabilities[c][perChannel] = reachedPrevious;
        }

        var requantization = new ThresholdRequantization(levels, thresholds, negatedChannels);
        return (requantization, new LevelStatistics(levels, probabilities, elementsPerGroup));
    }

    /// <summary>As many points as <paramref name="quantiles"/>, equally spaced between its first and last.</summary>
    private static double[] Equidistant(double[] quantiles)
    {
        int count = quantiles.Length;
        var z = new double[count];
        for (int j = 0; j < count; j++)
        {
            z[j] = count == 1 ? quantiles[0] : quantiles[0] + ((quantiles[count - 1] - quantiles[0]) * j / (count - 1));
        }

        return z;
    }

    private static double[][] CreateQuantiles()
    {
        var quantiles = new double[LevelFormat.MaxBits + 1][];
        for (int bits = LevelFormat.MinBits; bits <= LevelFormat.MaxBits; bits++)
        {
            int count = (1 << bits) - 1;
            var z = new double[count];

            // Compute the lower half and mirror it, so the set is exactly symmetric with 0 in the middle.
            for (int j = 0; j < count / 2; j++)
            {
                z[j] = DeterministicMath.InverseNormalCdf((j + 1) / (double)(count + 1));
                z[count - 1 - j] = -z[j];
            }

            z[count / 2] = 0;
            quantiles[bits] = z;
        }

        return quantiles;
    }
}
