using LowBit.Manifest;
using LowBit.Runtime.Reference;
using static LowBit.Runtime.Tests.HandModels;

namespace LowBit.Runtime.Tests;

public sealed class ThresholdRequantizationTests
{
    [Theory]
    [InlineData(4, 0)]
    [InlineData(5, 2)]
    [InlineData(8, 2)]
    [InlineData(9, 3)]
    [InlineData(int.MinValue, 0)]
    [InlineData(int.MaxValue, 3)]
    public void Level_counts_reached_thresholds_including_duplicates(int accumulator, int expected) =>
        Assert.Equal(expected, Requantizer.ToLevel(accumulator, 0, Thresholds(2, new[] { 5, 5, 9 })));

    [Theory]
    [InlineData(-1, -2)]
    [InlineData(0, -1)]
    [InlineData(10, 0)]
    [InlineData(20, 1)]
    public void Signed_output_levels_start_at_the_minimum(int accumulator, int expected) =>
        Assert.Equal(expected, Requantizer.ToLevel(accumulator, 0, Thresholds(2, new[] { 0, 10, 20 }, signed: true)));

    [Theory]
    [InlineData(-4, 3)]
    [InlineData(-3, 2)]
    [InlineData(0, 1)]
    [InlineData(3, 0)]
    public void Negated_channel_compares_minus_the_accumulator(int accumulator, int expected)
    {
        var requantization = Thresholds(2, new[] { 0, 0, 0, -2, 3, 4 }, negated: new[] { 1 });

        Assert.Equal(expected, Requantizer.ToLevel(accumulator, 1, requantization));
    }

    [Fact]
    public void Float_output_is_a_multiply_then_an_add()
    {
        var output = new FloatOutput(new[] { 0.1f }, new[] { 0.2f });
        float product = 3f * 0.1f;

        Assert.Equal(product + 0.2f, Requantizer.ToFloat(3, 0, output));
    }

    [Theory]
    [InlineData(10, 4, 2)]
    [InlineData(14, 4, 4)]
    [InlineData(5, 2, 2)]
    [InlineData(7, 2, 4)]
    [InlineData(-5, 2, -2)]
    [InlineData(-7, 2, -4)]
    [InlineData(1, 3, 0)]
    [InlineData(2, 3, 1)]
    [InlineData(-1, 3, 0)]
    [InlineData(-2, 3, -1)]
    [InlineData(-7, 4, -2)]
    [InlineData(-6, 4, -2)]
    [InlineData(-5, 4, -1)]
    [InlineData(0, 9, 0)]
    public void Division_rounds_half_to_even(int sum, int count, int expected) =>
        Assert.Equal(expected, Requantizer.DivideRoundHalfEven(sum, count));
}
