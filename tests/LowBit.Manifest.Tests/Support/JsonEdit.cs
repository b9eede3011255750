using System;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LowBit.Manifest.Tests.Support;

/// <summary>Edits of a written manifest's JSON text, to build deliberately broken files.</summary>
public static class JsonEdit
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="model"/>, applies <paramref name="edit"/> to the JSON tree, and re-seals unless told not to.</summary>
    public static string Edit(ModelManifest model, Action<JsonObject> edit, bool seal = true) =>
        Edit(ManifestWriter.ToJson(model), edit, seal);

    public static string Edit(string json, Action<JsonObject> edit, bool seal = true)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        edit(root);
        var text = root.ToJsonString(Indented);
        return seal ? ManifestWriter.Seal(text) : text;
    }

    public static JsonObject Layer(this JsonObject root, int index) => root["layers"]![index]!.AsObject();

    public static int[] ReadInt32s(JsonNode base64Node)
    {
        var bytes = Convert.FromBase64String(base64Node.GetValue<string>());
        var values = new int[bytes.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4));
        }

        return values;
    }

    public static string Int32sToBase64(int[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Replaces one base64 character of a string member by a different valid one, keeping the length.</summary>
    public static string FlipBase64Char(string base64, int index)
    {
        var chars = base64.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }
}
