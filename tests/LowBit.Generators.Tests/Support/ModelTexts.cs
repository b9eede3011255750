using System;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Generators.Tests;

/// <summary>Model file texts for driver tests: committed examples, built models, and deliberate edits.</summary>
internal static class ModelTexts
{
    /// <summary>Where driver tests put model files (any absolute-looking path will do: nothing reads it).</summary>
    public const string Directory = "/app/models/";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly Lazy<string> TinyCnnText = new(() => ManifestWriter.ToJson(ExampleModels.TinyCnnW2A2()));

    /// <summary>tiny_cnn_w2a2 (conv1, maxpool2, conv3, flatten4, fc5) as ManifestWriter writes it.</summary>
    public static string TinyCnn => TinyCnnText.Value;

    public static string Json(ModelManifest manifest) => ManifestWriter.ToJson(manifest);

    /// <summary>A file of examples/models, line endings normalized.</summary>
    public static string Example(string fileName) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "examples", "models", fileName)).Replace("\r\n", "\n");

    /// <summary>Edits the JSON and writes it back indented; the stated checksum no longer matches.</summary>
    public static string Edit(string json, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(root);
        return root.ToJsonString(Indented);
    }

    /// <summary>Edits the JSON and re-seals it, so the file is intact and only the edit is wrong.</summary>
    public static string EditAndSeal(string json, Action<JsonObject> edit) => ManifestWriter.Seal(Edit(json, edit));

    public static JsonObject Layer(JsonObject root, int index) => root["layers"]![index]!.AsObject();

    /// <summary>0-based number of the only line containing <paramref name="needle"/>.</summary>
    public static int LineOf(string text, string needle)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var hits = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(needle, StringComparison.Ordinal)).ToList();
        Assert.True(hits.Count == 1, $"Expected one line containing {needle}, found {hits.Count}.");
        return hits[0];
    }
}
