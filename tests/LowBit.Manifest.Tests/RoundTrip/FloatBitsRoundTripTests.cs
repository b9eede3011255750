using System;
using System.Linq;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.RoundTrip;

/// <summary>
/// Floats are stored as JSON numbers (level scales) and as base64 float32 (output scale and bias); both
/// must keep every bit. Theory data are float bit patterns so that −0 and +0 stay distinct test cases.
/// </summary>
public sealed class FloatBitsRoundTripTests
{
    private static readonly float[] PositiveAwkward =
    {
        0.1f,
        1e-7f,
        3.4e38f,
        float.MaxValue,
        float.Epsilon, // smallest subnormal
        BitConverter.Int32BitsToSingle(0x007FFFFF), // largest subnormal
        BitConverter.Int32BitsToSingle(0x00012345), // a subnormal with many bits set
        1.17549435e-38f, // smallest normal
        1f / 3f,
        16777217f, // not representable: rounds to 2^24
        0.3f,
        2.71828175f,
        BitConverter.Int32BitsToSingle(0x3F800001), // 1 + ulp
    };

    public static TheoryData<int> PositiveScales => Bits(PositiveAwkward);

    public static TheoryData<int> NonNegativeScales => Bits(PositiveAwkward.Concat(new[] { 0f, -0f }));

    public static TheoryData<int> AnyFinite => Bits(PositiveAwkward.Concat(PositiveAwkward.Select(f => -f)).Concat(new[] { 0f, -0f }));

    [Theory]
    [MemberData(nameof(PositiveScales))]
    public void Input_scale_keeps_its_bits(int scaleBits)
    {
        float scale = BitConverter.Int32BitsToSingle(scaleBits);

        var read = RoundTrip.Check(SampleModels.ConvFlattenLinear(inputLevels: SampleModels.Unsigned(8, scale)));

        ManifestAssert.FloatBitsEqual(scale, read.Input.Levels.Scale, "input scale");
    }

    [Theory]
    [MemberData(nameof(NonNegativeScales))]
    public void Threshold_level_scale_keeps_its_bits(int scaleBits)
    {
        float scale = BitConverter.Int32BitsToSingle(scaleBits);

        var read = RoundTrip.Check(SampleModels.ConvFlattenLinear(convLevels: SampleModels.Unsigned(2, scale)));

        var levels = ((ThresholdRequantization)((Conv2dLayer)read.Layers[0]).Requantize).Levels;
        ManifestAssert.FloatBitsEqual(scale, levels.Scale, "threshold level scale");
    }

    [Theory]
    [MemberData(nameof(AnyFinite))]
    public void Float_output_scale_and_bias_keep_their_bits(int valueBits)
    {
        float value = BitConverter.Int32BitsToSingle(valueBits);
        var output = new FloatOutput(new[] { value, 1f, value }, new[] { -1f, value, value });

        var read = RoundTrip.Check(SampleModels.ConvFlattenLinear(output: output));

        var readOutput = (FloatOutput)((LinearLayer)read.Layers[2]).Requantize;
        ManifestAssert.FloatBitsEqual(value, readOutput.Scale[2], "output scale");
        ManifestAssert.FloatBitsEqual(value, readOutput.Bias[2], "output bias");
    }

    private static TheoryData<int> Bits(System.Collections.Generic.IEnumerable<float> values)
    {
        var data = new TheoryData<int>();
        foreach (var value in values)
        {
            data.Add(BitConverter.SingleToInt32Bits(value));
        }

        return data;
    }
}
