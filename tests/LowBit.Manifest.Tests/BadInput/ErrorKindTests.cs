using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>Errors carry a kind, so tools (the generator's diagnostic ids) can tell damage from unsupported features.</summary>
public sealed class ErrorKindTests : ManifestFileTest
{
    [Fact]
    public void Checksum_mismatch_is_corruption()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["stride"] = new System.Text.Json.Nodes.JsonArray(2, 2), seal: false);

        Assert.Equal(ManifestErrorKind.Corrupt, FileFails(json, "$.checksum", "expected the content to hash to").Kind);
    }

    [Fact]
    public void Truncation_is_corruption()
    {
        var json = ManifestWriter.ToJson(SampleModels.ConvFlattenLinear());

        Assert.Equal(ManifestErrorKind.Corrupt, FileFails(json.Substring(0, json.Length / 2), "$", "the file is truncated").Kind);
    }

    [Fact]
    public void Unknown_op_is_unsupported()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["op"] = "conv3d");

        Assert.Equal(ManifestErrorKind.Unsupported, FileFails(json, "$.layers[0].op", "expected one of").Kind);
    }

    [Fact]
    public void Weight_bits_out_of_range_are_unsupported()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["weights"]!["bits"] = 9);

        Assert.Equal(ManifestErrorKind.Unsupported, FileFails(json, "$.layers[0].weights.bits", "expected weight bits from 2 to 8").Kind);
    }

    [Fact]
    public void Future_format_version_is_unsupported()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["formatVersion"] = 2);

        Assert.Equal(ManifestErrorKind.Unsupported, FileFails(json, "$.formatVersion", "written by a newer LowBit").Kind);
    }

    [Fact]
    public void Shape_mismatch_is_an_invalid_model()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["inChannels"] = 3);

        Assert.Equal(ManifestErrorKind.Invalid, FileFails(json, "$.layers[0].inChannels", "expected 1").Kind);
    }
}
