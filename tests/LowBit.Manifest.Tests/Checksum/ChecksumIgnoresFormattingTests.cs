using System.Text.Json;
using System.Text.Json.Nodes;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.Checksum;

/// <summary>The checksum covers content, not layout: re-indenting or minifying a sealed file keeps it valid.</summary>
public sealed class ChecksumIgnoresFormattingTests : ManifestFileTest
{
    private readonly ModelManifest _model = SampleModels.AllOps();

    [Fact]
    public void Minified_file_still_reads()
    {
        var minified = JsonNode.Parse(ManifestWriter.ToJson(_model))!.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        Assert.DoesNotContain("\n", minified, System.StringComparison.Ordinal);

        ManifestAssert.Equal(_model, ManifestReader.ReadFile(WriteFile(minified)));
    }

    [Fact]
    public void Reindented_file_with_tabs_and_crlf_still_reads()
    {
        var options = new JsonSerializerOptions { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1, NewLine = "\r\n" };
        var reindented = JsonNode.Parse(ManifestWriter.ToJson(_model))!.ToJsonString(options);
        Assert.Contains("\r\n\t", reindented, System.StringComparison.Ordinal);

        ManifestAssert.Equal(_model, ManifestReader.ReadFile(WriteFile(reindented)));
    }

    [Fact]
    public void Checksum_member_may_move_to_the_top()
    {
        var moved = JsonEdit.Edit(
            _model,
            root =>
            {
                var checksum = root["checksum"]!.GetValue<string>();
                root.Remove("checksum");
                root.Insert(0, "checksum", checksum);
            },
            seal: false);
        Assert.StartsWith("{\n  \"checksum\"", moved.Replace("\r\n", "\n"), System.StringComparison.Ordinal);

        ManifestAssert.Equal(_model, ManifestReader.ReadFile(WriteFile(moved)));
    }

    [Fact]
    public void Escaped_characters_in_strings_hash_like_their_plain_form()
    {
        // "\u0073ample-model" is the same string as "sample-model"; only the text differs.
        var json = ManifestWriter.ToJson(_model).Replace("\"name\": \"sample-model\"", "\"name\": \"\\u0073ample-model\"");
        Assert.Contains("\\u0073ample-model", json, System.StringComparison.Ordinal);

        Assert.Equal("sample-model", ManifestReader.ReadFile(WriteFile(json)).Name);
    }
}
