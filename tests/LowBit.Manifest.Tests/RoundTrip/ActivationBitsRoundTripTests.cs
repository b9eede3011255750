using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.RoundTrip;

public sealed class ActivationBitsRoundTripTests
{
    public static TheoryData<int, bool> AllLevelFormats()
    {
        var data = new TheoryData<int, bool>();
        for (int bits = LevelFormat.MinBits; bits <= LevelFormat.MaxBits; bits++)
        {
            data.Add(bits, false);
            data.Add(bits, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllLevelFormats))]
    public void Thresholds_of_every_activation_format_read_back_equal(int bits, bool signed)
    {
        var levels = new LevelFormat(bits, signed, signed ? -1 : (1 << bits) - 1, 0.375f);

        var read = RoundTrip.Check(SampleModels.ConvFlattenLinear(convLevels: levels));

        var requantize = (ThresholdRequantization)((Conv2dLayer)read.Layers[0]).Requantize;
        Assert.Equal(levels, requantize.Levels);
        Assert.Equal(4 * ((1 << bits) - 1), requantize.Thresholds.Length);
    }

    [Theory]
    [MemberData(nameof(AllLevelFormats))]
    public void Input_of_every_activation_format_reads_back_equal(int bits, bool signed)
    {
        var levels = new LevelFormat(bits, signed, signed ? -(1 << (bits - 1)) : 0, 0.5f);

        var read = RoundTrip.Check(SampleModels.ConvFlattenLinear(inputLevels: levels));

        Assert.Equal(levels, read.Input.Levels);
    }
}
