using System;
using System.Text.Json.Nodes;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.Checksum;

/// <summary>Any change of a value without re-sealing fails at <c>$.checksum</c>, before the content is interpreted.</summary>
public sealed class ChecksumDetectsEditsTests : ManifestFileTest
{
    public static TheoryData<string> Edits => new()
    {
        "stride",
        "base64 char of weights",
        "base64 char of thresholds",
        "base64 char of float bias",
        "weight bits",
        "signed flag",
        "model name",
        "layer id",
        "input scale",
        "removed negated channel",
        "added member",
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Unsealed_edit_fails_at_the_checksum(string edit)
    {
        var json = JsonEdit.Edit(SampleModels.AllOps(), root => Apply(root, edit), seal: false);
        var path = WriteFile(json);

        var error = ReadFails(path, "$.checksum", "expected the content to hash to sha256:");

        Assert.Contains("found sha256:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsealed_edit_becomes_valid_once_sealed()
    {
        var json = JsonEdit.Edit(SampleModels.AllOps(), root => root["name"] = "renamed", seal: true);

        Assert.Equal("renamed", ManifestReader.ReadFile(WriteFile(json)).Name);
    }

    private static void Apply(JsonObject root, string edit)
    {
        switch (edit)
        {
            case "stride":
                root.Layer(1)["stride"] = new JsonArray(1, 1);
                break;
            case "base64 char of weights":
                var weights = root.Layer(0)["weights"]!.AsObject();
                weights["data"] = JsonEdit.FlipBase64Char(weights["data"]!.GetValue<string>(), 3);
                break;
            case "base64 char of thresholds":
                var requantize = root.Layer(0)["requantize"]!.AsObject();
                requantize["thresholds"] = JsonEdit.FlipBase64Char(requantize["thresholds"]!.GetValue<string>(), 0);
                break;
            case "base64 char of float bias":
                var output = root.Layer(8)["requantize"]!.AsObject();
                output["bias"] = JsonEdit.FlipBase64Char(output["bias"]!.GetValue<string>(), 5);
                break;
            case "weight bits":
                root.Layer(2)["weights"]!["bits"] = 4;
                break;
            case "signed flag":
                root["input"]!["signed"] = false;
                break;
            case "model name":
                root["name"] = "sample-modek";
                break;
            case "layer id":
                root.Layer(6)["id"] = "gap2";
                break;
            case "input scale":
                root["input"]!["scale"] = 0.126f;
                break;
            case "removed negated channel":
                root.Layer(0)["requantize"]!["negatedChannels"]!.AsArray().RemoveAt(0);
                break;
            case "added member":
                root["comment"] = "hello";
                break;
            default:
                throw new ArgumentException(edit);
        }
    }
}
