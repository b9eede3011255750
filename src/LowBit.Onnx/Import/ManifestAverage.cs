using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>
/// Whether an imported average pool is exactly the manifest's avgPool2d / globalAvgPool: those sum the window's
/// levels (padding reads the zero point, as the all-ones convolution does) and output round_half_even(sum / area)
/// on the input's own level format. The graph's pool is that op when its quantizer writes the same level format and
/// its derived thresholds are that rounding's, on every accumulator the layer can see: decided by comparing the
/// thresholds, so the substitution cannot change a result. A graph that averages and re-quantizes with the same
/// scale rounding half to even (a QDQ pool, a Quant at the input's scale) matches; Brevitas's FLOOR Trunc does not.
/// </summary>
internal static class ManifestAverage
{
    public static bool Matches(PendingAveragePool pool, ThresholdRequantization requantization)
    {
        var window = pool.Window;
        bool poolable = requantization.Levels == pool.InputLevels && requantization.NegatedChannels.Length == 0
            && window.PadTop <= window.KernelHeight / 2 && window.PadBottom <= window.KernelHeight / 2
            && window.PadLeft <= window.KernelWidth / 2 && window.PadRight <= window.KernelWidth / 2;
        if (!poolable)
        {
            return false;
        }

        int perChannel = requantization.ThresholdsPerChannel;
        var thresholds = requantization.Thresholds;
        for (int c = 0; c < pool.OutChannels; c++)
        {
            var (low, high) = pool.Range(c);
            for (int j = 1; j <= perChannel; j++)
            {
                // Thresholds outside [low, high] act alike: at or below low always reached, above high never.
                long derived = System.Math.Clamp(thresholds[(c * perChannel) + j - 1], low, high + 1);
                if (derived != SmallestRoundingTo(j, window.Area, low, high))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>min{a ∈ [low, high] : round_half_even(a / area) ≥ j}, or high + 1 when none.</summary>
    private static long SmallestRoundingTo(int j, int area, long low, long high)
    {
        for (long a = System.Math.Max(low, ((long)j * area) - area); a <= high; a++)
        {
            if (RoundHalfEven(a, area) >= j)
            {
                return a;
            }
        }

        return high + 1;
    }

    /// <summary>round_half_even(a / area) for a ≥ 0, in integers, as the manifest's pools compute it.</summary>
    private static long RoundHalfEven(long a, int area)
    {
        long quotient = a / area, twice = 2 * (a % area);
        return twice > area || (twice == area && quotient % 2 == 1) ? quotient + 1 : quotient;
    }
}
