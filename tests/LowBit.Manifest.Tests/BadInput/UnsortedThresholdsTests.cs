using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

public sealed class UnsortedThresholdsTests : ManifestFileTest
{
    [Fact]
    public void Decreasing_thresholds_within_a_channel_are_refused()
    {
        // u2 output: 3 thresholds per channel; swap T[0] and T[1] of channel 2.
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root =>
            {
                var requantize = root.Layer(0)["requantize"]!;
                var thresholds = JsonEdit.ReadInt32s(requantize["thresholds"]!);
                (thresholds[6], thresholds[7]) = (thresholds[7], thresholds[6]);
                requantize["thresholds"] = JsonEdit.Int32sToBase64(thresholds);
            });

        var error = FileFails(json, "$.layers[0].requantize.thresholds", "expected each channel's thresholds in non-decreasing order");

        Assert.Contains("channel 2", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_neighbouring_thresholds_are_accepted()
    {
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root =>
            {
                var requantize = root.Layer(0)["requantize"]!;
                var thresholds = JsonEdit.ReadInt32s(requantize["thresholds"]!);
                thresholds[1] = thresholds[0];
                requantize["thresholds"] = JsonEdit.Int32sToBase64(thresholds);
            });

        var read = ManifestReader.ReadFile(WriteFile(json));

        var requantization = (ThresholdRequantization)((Conv2dLayer)read.Layers[0]).Requantize;
        Assert.Equal(requantization.Thresholds[0], requantization.Thresholds[1]);
    }

    [Fact]
    public void Negated_channels_out_of_order_are_refused()
    {
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root => root.Layer(0)["requantize"]!["negatedChannels"] = new System.Text.Json.Nodes.JsonArray(2, 1));

        FileFails(json, "$.layers[0].requantize.negatedChannels[1]", "expected strictly increasing channel indices from 0 to 3, found 1");
    }
}
