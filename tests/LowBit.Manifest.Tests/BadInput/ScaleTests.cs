using System;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

public sealed class ScaleTests : ManifestFileTest
{
    [Theory]
    [InlineData("0", "found 0")]
    [InlineData("-0.5", "found -0.5")]
    public void Input_scale_that_is_not_positive_is_refused(string scale, string found)
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["input"]!["scale"] = System.Text.Json.Nodes.JsonNode.Parse(scale));

        FileFails(json, "$.input.scale", $"expected a finite scale > 0 (the input quantizer divides by it), {found}");
    }

    [Fact]
    public void Negative_threshold_level_scale_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["requantize"]!["scale"] = -0.25);

        FileFails(json, "$.layers[0].requantize.scale", "expected a finite scale ≥ 0, found -0.25");
    }

    [Fact]
    public void Scale_beyond_float_range_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["input"]!["scale"] = System.Text.Json.Nodes.JsonNode.Parse("1e39"));

        FileFails(json, "$.input.scale", "expected a number within the float32 range (±3.4028235E+38), found 1e39");
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Infinity")]
    public void Float_output_scale_that_is_not_finite_is_refused(float value, string found)
    {
        var bytes = new byte[12];
        BitConverter.TryWriteBytes(bytes.AsSpan(4), value);
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(2)["requantize"]!["scale"] = Convert.ToBase64String(bytes));

        FileFails(json, "$.layers[2].requantize.scale", $"expected finite scales, found {found} for channel 1");
    }
}
