using System;
using System.Numerics;

namespace LowBit.Quantization.Export;

/// <summary>
/// Integer multipliers for the contract's <c>add</c> (acc = m₀·a + m₁·b) of levels with steps s_a and s_b:
/// m₀ / m₁ ≈ s_a / s_b with the larger at most 2^15 (relative error ≤ 2^−16; exact, 1 and 1, for equal
/// steps), and the real value of one accumulator unit.
/// </summary>
internal static class AddMultipliers
{
    private const int Resolution = 1 << 15;

    public static (int First, int Second, double Unit) Choose(double firstStep, double secondStep, string name)
    {
        if (firstStep == secondStep)
        {
            return (1, 1, firstStep);
        }

        var unit = Math.Max(firstStep, secondStep) / Resolution;
        var first = (int)Math.Round(firstStep / unit);
        var second = (int)Math.Round(secondStep / unit);
        if (first == 0 || second == 0)
        {
            throw new ExportException(name, $"the two inputs of the add have steps {firstStep:G6} and {secondStep:G6}, more than 2^16 apart; the add's integer multipliers cannot express that ratio (retrain, or quantize the branches to closer ranges)");
        }

        var divisor = (int)BigInteger.GreatestCommonDivisor(first, second);
        return (first / divisor, second / divisor, unit * divisor);
    }
}
