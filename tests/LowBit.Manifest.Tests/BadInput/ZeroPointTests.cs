using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

public sealed class ZeroPointTests : ManifestFileTest
{
    [Theory]
    [InlineData(256)]
    [InlineData(-1)]
    public void Input_zero_point_outside_the_unsigned_range_is_refused(int zeroPoint)
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["input"]!["zeroPoint"] = zeroPoint);

        FileFails(json, "$.input.zeroPoint", $"expected a level from 0 to 255 (u8), found {zeroPoint}");
    }

    [Theory]
    [InlineData(8)]
    [InlineData(-9)]
    public void Threshold_zero_point_outside_the_signed_range_is_refused(int zeroPoint)
    {
        var model = SampleModels.ConvFlattenLinear(convLevels: SampleModels.Signed(4));
        var json = JsonEdit.Edit(model, root => root.Layer(0)["requantize"]!["zeroPoint"] = zeroPoint);

        FileFails(json, "$.layers[0].requantize.zeroPoint", $"expected a level from -8 to 7 (s4), found {zeroPoint}");
    }
}
