using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

public sealed class FormatVersionTests : ManifestFileTest
{
    [Fact]
    public void Future_version_asks_for_a_newer_LowBit()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["formatVersion"] = 2);

        var error = FileFails(json, "$.formatVersion", "expected format version 1, found 2");

        Assert.Contains("newer", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Future_version_is_reported_before_its_unknown_checksum_or_layout()
    {
        // A version-2 file may hash and structure its content differently; the version is what to report.
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root =>
            {
                root["formatVersion"] = 2;
                root["graph"] = new System.Text.Json.Nodes.JsonObject();
                root.Remove("layers");
            },
            seal: false);

        FileFails(json, "$.formatVersion", "expected format version 1, found 2");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Version_below_1_is_refused(int version)
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["formatVersion"] = version);

        FileFails(json, "$.formatVersion", $"expected format version 1, found {version}");
    }

    [Fact]
    public void Other_format_name_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["format"] = "onnx");

        FileFails(json, "$.format", "expected \"lowbit-manifest\", found \"onnx\"");
    }

    [Fact]
    public void Version_as_a_string_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["formatVersion"] = "1");

        FileFails(json, "$.formatVersion", "expected a 32-bit integer, found \"1\"");
    }
}
