using LowBit.Manifest;

namespace LowBit.Runtime.Tests;

public sealed class InputQuantizerTests
{
    private static readonly LevelFormat Unsigned4 = new(4, false, 0, 1f);
    private static readonly LevelFormat Signed4 = new(4, true, 0, 1f);

    [Theory]
    [InlineData(0.5f, 0)]
    [InlineData(1.5f, 2)]
    [InlineData(2.5f, 2)]
    [InlineData(3.5f, 4)]
    [InlineData(2.4999998f, 2)]
    [InlineData(2.5000002f, 3)]
    public void Rounds_half_to_even(float x, int expected) => Assert.Equal(expected, InputQuantizer.Quantize(x, Unsigned4));

    [Theory]
    [InlineData(-0.5f, 0)]
    [InlineData(-1.5f, -2)]
    [InlineData(-2.5f, -2)]
    [InlineData(-8f, -8)]
    [InlineData(-8.6f, -8)]
    [InlineData(7.4f, 7)]
    [InlineData(7.5f, 7)]
    public void Signed_levels_round_and_clamp(float x, int expected) => Assert.Equal(expected, InputQuantizer.Quantize(x, Signed4));

    [Theory]
    [InlineData(float.NaN, 0)]
    [InlineData(float.NegativeInfinity, 0)]
    [InlineData(float.PositiveInfinity, 15)]
    [InlineData(-3f, 0)]
    [InlineData(1e30f, 15)]
    public void Non_finite_and_out_of_range_inputs_clamp(float x, int expected) => Assert.Equal(expected, InputQuantizer.Quantize(x, Unsigned4));

    [Fact]
    public void NaN_goes_to_the_lowest_signed_level() => Assert.Equal(-8, InputQuantizer.Quantize(float.NaN, Signed4));

    [Fact]
    public void Zero_point_shifts_levels_and_the_clamp_range()
    {
        var levels = new LevelFormat(4, false, 8, 0.25f);

        Assert.Equal(8, InputQuantizer.Quantize(0f, levels));
        Assert.Equal(9, InputQuantizer.Quantize(0.3f, levels));
        Assert.Equal(0, InputQuantizer.Quantize(-5f, levels));
        Assert.Equal(15, InputQuantizer.Quantize(1.75f, levels));
        Assert.Equal(15, InputQuantizer.Quantize(2.5f, levels));
    }
}
