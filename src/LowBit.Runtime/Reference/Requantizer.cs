using LowBit.Manifest;

namespace LowBit.Runtime.Reference;

/// <summary>The contract's requantization, written as the definition reads (a linear count, no search).</summary>
internal static class Requantizer
{
    /// <summary>Levels.Min + #{ j : s_c·acc ≥ T[c, j] }.</summary>
    public static int ToLevel(int accumulator, int channel, ThresholdRequantization requantization)
    {
        int value = requantization.IsNegated(channel) ? checked(-accumulator) : accumulator;
        int count = 0;
        foreach (int threshold in requantization.ChannelThresholds(channel))
        {
            if (value >= threshold)
            {
                count++;
            }
        }

        return requantization.Levels.Min + count;
    }

    /// <summary>One float multiply, then one float add, each rounded: never fused.</summary>
    public static float ToFloat(int accumulator, int channel, FloatOutput output)
    {
        float product = (float)accumulator * output.Scale[channel];
        float sum = product + output.Bias[channel];
        return sum;
    }

    /// <summary>Round-half-to-even of sum / count in integer arithmetic (count &gt; 0).</summary>
    public static int DivideRoundHalfEven(int sum, int count)
    {
        int quotient = sum / count;
        int remainder = sum % count;
        if (remainder < 0)
        {
            // C# division truncates toward zero; step to the floor so the remainder is in [0, count).
            quotient--;
            remainder += count;
        }

        int twice = 2 * remainder;
        if (twice > count || (twice == count && (quotient & 1) != 0))
        {
            quotient++;
        }

        return quotient;
    }
}
