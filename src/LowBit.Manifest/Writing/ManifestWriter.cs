using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace LowBit.Manifest;

/// <summary>
/// Writes a <see cref="ModelManifest"/> as indented JSON with its checksum. Refuses an invalid model,
/// so an exporter bug surfaces when the file is written, not when a user builds against it.
/// </summary>
public static partial class ManifestWriter
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static string ToJson(ModelManifest manifest, string description = "<memory>") =>
        Encoding.UTF8.GetString(ToUtf8(manifest, description));

    public static byte[] ToUtf8(ModelManifest manifest, string description = "<memory>")
    {
        var errors = ManifestValidator.Validate(manifest, description);
        if (errors.Count > 0)
        {
            throw new ManifestException(errors);
        }

        return Seal(WriteUnsealed(manifest));
    }

    /// <summary>
    /// Recomputes and sets the checksum of a manifest's JSON text without otherwise interpreting it.
    /// For tools that edit a manifest on purpose (and for tests that build deliberately invalid files).
    /// </summary>
    public static string Seal(string json) => Encoding.UTF8.GetString(Seal(Encoding.UTF8.GetBytes(json)));

    /// <exception cref="JsonException">The text is not JSON.</exception>
    /// <exception cref="ArgumentException">The root is not an object, or the text is not valid UTF-8.</exception>
    public static byte[] Seal(byte[] utf8Json)
    {
        // The checksum decodes every string; an invalid byte inside one would otherwise surface as an InvalidOperationException.
        try
        {
            StrictUtf8.GetCharCount(utf8Json);
        }
        catch (DecoderFallbackException)
        {
            throw new ArgumentException("A manifest must be UTF-8 text; this one holds an invalid byte.", nameof(utf8Json));
        }

        string checksum;
        using (var document = JsonDocument.Parse(utf8Json))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("A manifest's root must be a JSON object.", nameof(utf8Json));
            }

            checksum = ManifestChecksum.Compute(document.RootElement);
        }

        // Splice the value into the text instead of re-serializing, so a hand-formatted file keeps its layout.
        var text = Encoding.UTF8.GetString(utf8Json);
        var quoted = "\"" + checksum + "\"";
        var existing = FindRootChecksumValue(utf8Json);
        string sealedText;
        if (existing is var (start, length))
        {
            var prefix = Encoding.UTF8.GetString(utf8Json, 0, start);
            var suffix = Encoding.UTF8.GetString(utf8Json, start + length, utf8Json.Length - start - length);
            sealedText = prefix + quoted + suffix;
        }
        else
        {
            int close = text.LastIndexOf('}');
            var body = text.Substring(0, close).TrimEnd();
            var separator = body.EndsWith("{", StringComparison.Ordinal) ? string.Empty : ",";
            sealedText = body + separator + "\n  \"" + JsonNames.Checksum + "\": " + quoted + "\n}" + text.Substring(close + 1);
        }

        return Encoding.UTF8.GetBytes(sealedText);
    }

    /// <summary>Byte offset and length of the root <c>checksum</c> member's value token, if present.</summary>
    private static (int Start, int Length)? FindRootChecksumValue(byte[] utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(JsonNames.Checksum))
            {
                reader.Read();
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                int end = (int)reader.BytesConsumed;
                return (start, end - start);
            }
        }

        return null;
    }

    private static byte[] WriteUnsealed(ModelManifest manifest)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            writer.WriteStartObject();
            writer.WriteString(JsonNames.Format, ManifestFormat.FormatName);
            writer.WriteNumber(JsonNames.FormatVersion, manifest.FormatVersion);
            writer.WriteStartObject(JsonNames.Producer);
            writer.WriteString(JsonNames.ProducerName, manifest.Producer.Name);
            writer.WriteString(JsonNames.ProducerVersion, manifest.Producer.Version);
            writer.WriteEndObject();
            writer.WriteString(JsonNames.Name, manifest.Name);
            WriteInput(writer, manifest.Input);
            writer.WriteStartArray(JsonNames.Layers);
            foreach (var layer in manifest.Layers)
            {
                LayerJsonWriter.Write(writer, layer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteInput(Utf8JsonWriter writer, InputSpec input)
    {
        writer.WriteStartObject(JsonNames.Input);
        LayerJsonWriter.WriteIntArray(writer, JsonNames.Shape, input.Shape.ToArray());
        LayerJsonWriter.WriteLevelFormat(writer, input.Levels);
        writer.WriteEndObject();
    }
}
