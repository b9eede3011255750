using System;

namespace LowBit.Generators;

/// <summary>
/// Replaces a channel's threshold count by a closed form, when one is exact: level =
/// clamp((int)((double)x · scale + offset), 0, N) for every integer x in the accumulator's range, where
/// the contract's level is #{j : x ≥ T_j}. The scale and offset are found in double precision (the
/// feasible (scale, offset) region is an intersection of half-planes; the widest gap is found by ternary
/// search on a concave function) and then PROVED in the float64 arithmetic the kernels run: both sides
/// are non-decreasing step functions of x, so agreeing at every threshold and one below it, and at the
/// range's ends, is agreement everywhere. A channel with no exact closed form keeps its thresholds.
/// Float64 because float32 is not enough: at 8 bits the feasible gap (how far the real affine map stays from
/// the integers it was rounded to) is often below float32's resolution at level 255.
/// </summary>
internal static class AffineRequantization
{
    /// <summary>
    /// Fits one channel. <paramref name="thresholds"/> are sorted, against x = sign · accumulator, and x
    /// lies in [<paramref name="low"/>, <paramref name="high"/>]. The returned scale already carries the sign,
    /// so the kernels apply it to the accumulator itself: (double)(−a) · s = −((double)a · s) exactly.
    /// </summary>
    public static bool TryFit(int[] thresholds, long low, long high, bool negated, out double scale, out double offset)
    {
        int n = thresholds.Length;
        scale = 0;
        offset = 0;
        if (Math.Abs(low) > (1L << 30) || Math.Abs(high) > (1L << 30))
        {
            return false;
        }

        // Constraints offset ≥ k − X·m (lower) and offset < k − X·m (upper), for the thresholds inside the range.
        int always = 0, never = 0;
        var lowerX = new System.Collections.Generic.List<long>();
        var lowerK = new System.Collections.Generic.List<int>();
        var upperX = new System.Collections.Generic.List<long>();
        var upperK = new System.Collections.Generic.List<int>();
        for (int j = 0; j < n; j++)
        {
            long t = thresholds[j];
            if (t <= low)
            {
                always++;
            }
            else if (t > high)
            {
                never++;
            }
            else
            {
                lowerX.Add(t);
                lowerK.Add(j + 1);
                upperX.Add(t - 1);
                upperK.Add(j + 1);
            }
        }

        // The ends of the range, where the clamp to [0, n] does not already give the count: at least the
        // always-reached count at low, at most the reachable count at high.
        if (always > 0)
        {
            lowerX.Add(low);
            lowerK.Add(always);
        }

        if (never > 0)
        {
            upperX.Add(high);
            upperK.Add(n - never + 1);
        }

        if (lowerX.Count == 0 || upperX.Count == 0)
        {
            // Only one side constrains: a constant level does (every threshold is always or never reached).
            lowerX.Add(low);
            lowerK.Add(always);
            upperX.Add(high);
            upperK.Add(always + 1);
        }

        double Gap(double m)
        {
            double lowest = double.NegativeInfinity, highest = double.PositiveInfinity;
            for (int i = 0; i < lowerX.Count; i++)
            {
                lowest = Math.Max(lowest, lowerK[i] - (lowerX[i] * m));
            }

            for (int i = 0; i < upperX.Count; i++)
            {
                highest = Math.Min(highest, upperK[i] - (upperX[i] * m));
            }

            return highest - lowest;
        }

        double left = 0, right = 2;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double a = left + ((right - left) / 3), b = right - ((right - left) / 3);
            if (Gap(a) < Gap(b))
            {
                left = a;
            }
            else
            {
                right = b;
            }
        }

        double best = (left + right) / 2;
        if (Gap(best) <= 0)
        {
            return false;
        }

        double floorOffset = double.NegativeInfinity;
        for (int i = 0; i < lowerX.Count; i++)
        {
            floorOffset = Math.Max(floorOffset, lowerK[i] - (lowerX[i] * best));
        }

        double m = best;
        double c = floorOffset + (Gap(best) / 2);
        if (!Proves(thresholds, low, high, m, c))
        {
            return false;
        }

        scale = negated ? -m : m;
        offset = c;
        return true;
    }

    /// <summary>The kernels' arithmetic, exactly: float64 multiply, then add (no FMA), truncate, clamp.</summary>
    public static int Evaluate(long x, double scale, double offset, int max)
    {
        double real = ((double)x * scale) + offset;
        int level = (int)real;
        return Math.Min(Math.Max(level, 0), max);
    }

    private static bool Proves(int[] thresholds, long low, long high, double m, double c)
    {
        int n = thresholds.Length;
        int Count(long x)
        {
            int count = 0;
            foreach (var t in thresholds)
            {
                count += x >= t ? 1 : 0;
            }

            return count;
        }

        // Truncation must see in-range values: out of int32, x64 and scalar conversions disagree.
        double lowest = ((double)low * m) + c, highest = ((double)high * m) + c;
        if (!(Math.Abs(lowest) < (1 << 30)) || !(Math.Abs(highest) < (1 << 30)))
        {
            return false;
        }

        if (Evaluate(low, m, c, n) != Count(low) || Evaluate(high, m, c, n) != Count(high))
        {
            return false;
        }

        foreach (long t in thresholds)
        {
            if (t > low && t <= high && (Evaluate(t, m, c, n) != Count(t) || Evaluate(t - 1, m, c, n) != Count(t - 1)))
            {
                return false;
            }
        }

        return true;
    }
}
