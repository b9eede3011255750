extern alias generator;

using System;
using System.Linq;
using AffineRequantization = generator::LowBit.Generators.AffineRequantization;

namespace LowBit.Generators.Tests.Planning;

/// <summary>
/// The closed-form requantizer the generator substitutes for thresholds: found whenever the thresholds come
/// from an affine map, refused otherwise, and — checked here by brute force over every accumulator in the
/// range, not just at the points the generator's proof evaluates — equal to the contract's threshold count.
/// </summary>
public sealed class AffineRequantizationTests
{
    [Theory]
    [InlineData(15, -700, 900, 3.7, 41.25, false)]
    [InlineData(15, -700, 900, 3.7, 41.25, true)]
    [InlineData(255, -40000, 60000, -1200.37, 150.3127, false)]
    [InlineData(7, -50, 50, 0, 1, false)]
    [InlineData(255, -3000, 3000, 10, 11.999, true)]
    public void Affine_thresholds_get_an_exact_closed_form(int count, int low, int high, double origin, double step, bool negated)
    {
        var thresholds = Enumerable.Range(0, count).Select(j => (int)Math.Ceiling(origin + (step * j))).ToArray();

        Assert.True(AffineRequantization.TryFit(thresholds, low, high, negated, out double scale, out double offset));

        // Brute force: the closed form applied to the accumulator a (x = sign·a) equals the count for x.
        for (long x = low; x <= high; x++)
        {
            long accumulator = negated ? -x : x;
            int expected = thresholds.Count(t => x >= t);
            Assert.Equal(expected, AffineRequantization.Evaluate(accumulator, scale, offset, count));
        }
    }

    [Fact]
    public void A_threshold_one_rounding_error_above_an_integer_keeps_the_compares()
    {
        // ⌈−1200.5 + 150.3·j⌉ computed in double: 150.3·5 = 751.5000000000001, so T₅ = −448 where the real map
        // gives −449. No closed form separates that from its neighbours within float64's resolution: refused.
        var thresholds = Enumerable.Range(0, 255).Select(j => (int)Math.Ceiling(-1200.5 + (150.3 * j))).ToArray();

        Assert.False(AffineRequantization.TryFit(thresholds, -40000, 60000, negated: false, out _, out _));
    }

    [Fact]
    public void Thresholds_at_normal_quantiles_keep_their_compares()
    {
        var thresholds = new[] { -20, -11, -6, -3, -1, 0, 1, 2, 3, 4, 6, 8, 12, 18, 30 };

        Assert.False(AffineRequantization.TryFit(thresholds, -500, 500, negated: false, out _, out _));
    }

    [Fact]
    public void Thresholds_outside_the_range_count_as_always_or_never_reached()
    {
        var thresholds = new[] { int.MinValue, -100, -10, 0, 10, 100, int.MaxValue };

        Assert.True(AffineRequantization.TryFit(thresholds, -15, 15, negated: false, out double scale, out double offset));
        for (long x = -15; x <= 15; x++)
        {
            Assert.Equal(thresholds.Count(t => x >= t), AffineRequantization.Evaluate(x, scale, offset, thresholds.Length));
        }
    }
}
