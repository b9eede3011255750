using System;
using System.Text.Json.Nodes;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>A typo must not silently fall back to a default: unknown members are refused.</summary>
public sealed class UnknownMemberTests : ManifestFileTest
{
    [Fact]
    public void Misspelled_extra_member_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["strid"] = new JsonArray(2, 2));

        var error = FileFails(json, "$.layers[0].strid", "found unknown member \"strid\"");

        Assert.Contains("stride", error.Message.Replace("\"strid\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelled_required_member_is_reported_as_missing_with_a_hint()
    {
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root =>
            {
                var layer = root.Layer(0);
                var stride = layer["stride"]!.DeepClone();
                layer.Remove("stride");
                layer["strid"] = stride;
            });

        var error = FileFails(json, "$.layers[0].stride", "expected member \"stride\"");

        Assert.Contains("\"strid\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$", "comment")]
    [InlineData("$.input", "mean")]
    [InlineData("$.producer", "date")]
    [InlineData("$.layers[0].weights", "packing")]
    [InlineData("$.layers[0].requantize", "relu")]
    [InlineData("$.layers[1]", "kernel")]
    public void Unknown_member_anywhere_is_named_by_its_path(string objectPath, string member)
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => ObjectAt(root, objectPath)[member] = 1);

        FileFails(json, $"{objectPath}.{member}", $"found unknown member \"{member}\"");
    }

    [Fact]
    public void Member_given_twice_is_refused()
    {
        var text = ManifestWriter.ToJson(SampleModels.ConvFlattenLinear());
        var duplicated = ManifestWriter.Seal(text.Replace("\"groups\": 1,", "\"groups\": 1, \"groups\": 2,", StringComparison.Ordinal));

        FileFails(duplicated, "$.layers[0].groups", "expected each member once, found \"groups\" 2 times");
    }

    private static JsonObject ObjectAt(JsonObject root, string path) => path switch
    {
        "$" => root,
        "$.input" => root["input"]!.AsObject(),
        "$.producer" => root["producer"]!.AsObject(),
        "$.layers[0].weights" => root.Layer(0)["weights"]!.AsObject(),
        "$.layers[0].requantize" => root.Layer(0)["requantize"]!.AsObject(),
        "$.layers[1]" => root.Layer(1),
        _ => throw new ArgumentException(path),
    };
}
