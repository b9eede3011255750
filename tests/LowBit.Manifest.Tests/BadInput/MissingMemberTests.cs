using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

public sealed class MissingMemberTests : ManifestFileTest
{
    [Theory]
    [InlineData("$.layers[0].stride")]
    [InlineData("$.layers[0].kernel")]
    [InlineData("$.layers[0].groups")]
    [InlineData("$.layers[0].weights.data")]
    [InlineData("$.layers[0].requantize.thresholds")]
    [InlineData("$.layers[0].requantize.negatedChannels")]
    [InlineData("$.layers[1].outputShape")]
    [InlineData("$.layers[2].inFeatures")]
    [InlineData("$.layers[2].requantize.bias")]
    [InlineData("$.input.zeroPoint")]
    [InlineData("$.producer.version")]
    [InlineData("$.format")]
    [InlineData("$.formatVersion")]
    [InlineData("$.layers")]
    public void Removed_member_is_named_by_its_path(string jsonPath)
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => Remove(root, jsonPath));
        var name = jsonPath.Substring(jsonPath.LastIndexOf('.') + 1);

        FileFails(json, jsonPath, $"expected member \"{name}\", found no such member");
    }

    private static void Remove(System.Text.Json.Nodes.JsonObject root, string jsonPath)
    {
        // "$.layers[0].requantize.thresholds" → walk "layers[0]", "requantize", then remove "thresholds".
        var parts = jsonPath.Substring(2).Split('.');
        System.Text.Json.Nodes.JsonNode node = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            var part = parts[i];
            int bracket = part.IndexOf('[');
            node = bracket < 0
                ? node[part]!
                : node[part.Substring(0, bracket)]![int.Parse(part.Substring(bracket + 1, part.Length - bracket - 2), System.Globalization.CultureInfo.InvariantCulture)]!;
        }

        Assert.True(node.AsObject().Remove(parts[^1]), $"no member {jsonPath} to remove");
    }
}
