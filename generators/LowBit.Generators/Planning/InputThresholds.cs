using System;

namespace LowBit.Generators;

/// <summary>
/// The input quantizer u = round-half-even(clamp(x / scale, low, high)) as float compares: because IEEE division
/// is monotone in x for a positive scale, "level ≥ k" holds exactly for the floats x ≥ T_k, and T_k is found at
/// generation time by bisection over the ordered floats. A few compares replace a division per value.
/// </summary>
internal static class InputThresholds
{
    /// <summary>The most thresholds (levels − 1) worth comparing against; finer inputs keep the division.</summary>
    public const int MaxCount = 15;

    /// <summary>T_k for k = low + 1 … high (level = low + the number of T_k with x ≥ T_k), or null when the scale or range does not allow it.</summary>
    public static float[]? TryCompute(float scale, int low, int high)
    {
        if (!(scale > 0) || float.IsInfinity(scale) || high <= low || high - low > MaxCount)
        {
            return null;
        }

        var thresholds = new float[high - low];
        for (int k = low + 1; k <= high; k++)
        {
            thresholds[k - low - 1] = Smallest(x => Reaches(x, scale, k));
        }

        return thresholds;
    }

    /// <summary>Whether round-half-even(x / scale) ≥ k, on the float the kernel's division gives (ties at k − ½ go to the even neighbour).</summary>
    public static bool Reaches(float x, float scale, int k)
    {
        float v = x / scale;
        float half = k - 0.5f;
        return k % 2 == 0 ? v >= half : v > half;
    }

    /// <summary>
    /// The smallest finite float where a monotone predicate holds: −float.MaxValue when it holds everywhere (−∞ still
    /// divides to −∞ and stays below), +∞ when no finite float reaches it (+∞ itself divides to +∞ and does).
    /// </summary>
    private static float Smallest(Func<float, bool> holds)
    {
        long lowKey = Key(-float.MaxValue), highKey = Key(float.MaxValue);
        if (holds(-float.MaxValue))
        {
            return -float.MaxValue;
        }

        if (!holds(float.MaxValue))
        {
            return float.PositiveInfinity;
        }

        // Invariant: the predicate fails at lowKey and holds at highKey.
        while (highKey - lowKey > 1)
        {
            int middle = (int)(lowKey + ((highKey - lowKey) / 2));
            if (holds(FromKey(middle)))
            {
                highKey = middle;
            }
            else
            {
                lowKey = middle;
            }
        }

        return FromKey((int)highKey);
    }

    /// <summary>Float bits mapped to ints in the floats' order (−0 and +0 share key 0).</summary>
    private static int Key(float value)
    {
        int bits = BitConverter.ToInt32(BitConverter.GetBytes(value), 0);
        return bits >= 0 ? bits : int.MinValue - bits;
    }

    private static float FromKey(int key) => BitConverter.ToSingle(BitConverter.GetBytes(key >= 0 ? key : int.MinValue - key), 0);
}
