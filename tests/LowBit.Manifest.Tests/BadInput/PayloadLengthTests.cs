using System;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>Base64 payloads whose decoded length does not match the layer.</summary>
public sealed class PayloadLengthTests : ManifestFileTest
{
    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(-18)]
    public void Weights_of_the_wrong_byte_count_are_refused(int delta)
    {
        // conv: 4 × 1 × 3 × 3 = 36 weights × 4 bits = 18 bytes.
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root => root.Layer(0)["weights"]!["data"] = Convert.ToBase64String(new byte[18 + delta]));

        var error = FileFails(json, "$.layers[0].weights.data", "expected 18 bytes (36 weights [4, 1, 3, 3] × 4 bits, packed)");

        Assert.Contains($"found {18 + delta} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_of_the_wrong_count_are_refused()
    {
        // u2 output: 4 channels × 3 thresholds = 12 int32 = 48 bytes; give 11.
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root => root.Layer(0)["requantize"]!["thresholds"] = JsonEdit.Int32sToBase64(new int[11]));

        var error = FileFails(json, "$.layers[0].requantize.thresholds", "expected 12 int32 thresholds (48 bytes: 4 channels × 3 per channel for 2-bit output)");

        Assert.Contains("found 11 (44 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_that_are_not_whole_int32s_are_refused()
    {
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root => root.Layer(0)["requantize"]!["thresholds"] = Convert.ToBase64String(new byte[47]));

        FileFails(json, "$.layers[0].requantize.thresholds", "expected base64 of 4-byte little-endian values, found 47 bytes");
    }

    [Fact]
    public void Float_output_scale_of_the_wrong_count_is_refused()
    {
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root => root.Layer(2)["requantize"]!["scale"] = Convert.ToBase64String(new byte[8]));

        FileFails(json, "$.layers[2].requantize.scale", "expected 3 float32 scales (12 bytes, one per output channel), found 2 (8 bytes)");
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAA")]
    public void Payload_that_is_not_base64_is_refused(string data)
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["weights"]!["data"] = data);

        FileFails(json, "$.layers[0].weights.data", $"expected base64 data, found \"{data}\"");
    }
}
