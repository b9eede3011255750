using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.RoundTrip;

public sealed class WeightEncodingRoundTripTests
{
    public static TheoryData<WeightEncoding, int> Formats => SampleModels.AllWeightFormats();

    [Theory]
    [MemberData(nameof(Formats))]
    public void Conv_weights_of_every_encoding_read_back_equal(WeightEncoding encoding, int bits)
    {
        var read = RoundTrip.Check(SampleModels.ConvFlattenLinear(convEncoding: encoding, convBits: bits));

        var conv = (Conv2dLayer)read.Layers[0];
        Assert.Equal(encoding, conv.Weights.Encoding);
        Assert.Equal(bits, conv.Weights.Bits);
        Assert.Equal(SampleModels.WeightValues(encoding, bits, conv.WeightCount), conv.Weights.Unpack((int)conv.WeightCount));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Linear_weights_of_every_encoding_read_back_equal(WeightEncoding encoding, int bits)
    {
        var read = RoundTrip.Check(SampleModels.ConvFlattenLinear(fcEncoding: encoding, fcBits: bits));

        var fc = (LinearLayer)read.Layers[2];
        Assert.Equal(SampleModels.WeightValues(encoding, bits, fc.WeightCount, seed: 1), fc.Weights.Unpack((int)fc.WeightCount));
    }
}
