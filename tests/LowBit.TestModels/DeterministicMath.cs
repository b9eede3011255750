using System;

namespace LowBit.TestModels;

/// <summary>
/// The few transcendental functions the builder needs, written with + − × ÷ and square root only
/// (all correctly rounded in IEEE 754), so a seed gives the same model on every OS and CPU —
/// Math.Exp and Math.Log come from the platform's C library and may differ in the last bit.
/// </summary>
internal static class DeterministicMath
{
    private const double InverseSqrtTwoPi = 0.398942280401432677939946059934;

    /// <summary>e^x by halving the argument ten times, a Taylor series, and squaring back.</summary>
    public static double Exp(double x)
    {
        if (x < -700)
        {
            return 0;
        }

        if (x > 700)
        {
            return double.PositiveInfinity;
        }

        double r = x / 1024.0;
        double term = 1;
        double sum = 1;
        for (int n = 1; n <= 16; n++)
        {
            term = term * r / n;
            sum += term;
        }

        for (int i = 0; i < 10; i++)
        {
            sum *= sum;
        }

        return sum;
    }

    /// <summary>Standard normal CDF Φ(x) (Abramowitz and Stegun 26.2.17, error below 7.5·10⁻⁸).</summary>
    public static double NormalCdf(double x)
    {
        if (double.IsNaN(x))
        {
            throw new ArgumentException("NaN has no normal CDF.", nameof(x));
        }

        if (x < 0)
        {
            return 1 - NormalCdf(-x);
        }

        if (x > 40)
        {
            return 1;
        }

        double t = 1 / (1 + 0.2316419 * x);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return 1 - InverseSqrtTwoPi * Exp(-0.5 * x * x) * poly;
    }

    /// <summary>Φ⁻¹(p) for 0 &lt; p &lt; 1, by bisection on <see cref="NormalCdf"/>.</summary>
    public static double InverseNormalCdf(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Expected 0 < p < 1.");
        }

        double low = -12;
        double high = 12;
        for (int i = 0; i < 80; i++)
        {
            double mid = 0.5 * (low + high);
            if (NormalCdf(mid) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return 0.5 * (low + high);
    }
}
