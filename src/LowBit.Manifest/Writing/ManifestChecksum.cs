using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LowBit.Manifest;

/// <summary>
/// The manifest checksum: SHA-256 over a canonical form of the JSON document with the root
/// <c>checksum</c> member left out. The canonical form drops insignificant white space and keeps
/// every token as written (numbers by their exact text), so re-indenting a file keeps it valid while
/// any change to a value — a flipped payload byte, a truncated array, an edited stride — does not.
/// See docs/manifest.md, "Checksum".
/// </summary>
public static class ManifestChecksum
{
    public const string Prefix = "sha256:";

    public static string Compute(JsonElement root)
    {
        using var buffer = new MemoryStream();
        WriteCanonical(root, buffer, isRoot: true);
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(buffer.GetBuffer(), 0, (int)buffer.Length);
        var text = new StringBuilder(Prefix, Prefix.Length + 64);
        foreach (var b in hash)
        {
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static void WriteCanonical(JsonElement element, Stream output, bool isRoot)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                output.WriteByte((byte)'{');
                bool first = true;
                foreach (var member in element.EnumerateObject())
                {
                    if (isRoot && member.NameEquals(JsonNames.Checksum))
                    {
                        continue;
                    }

                    if (!first)
                    {
                        output.WriteByte((byte)',');
                    }

                    first = false;
                    WriteString(member.Name, output);
                    output.WriteByte((byte)':');
                    WriteCanonical(member.Value, output, isRoot: false);
                }

                output.WriteByte((byte)'}');
                break;
            case JsonValueKind.Array:
                output.WriteByte((byte)'[');
                int index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (index++ > 0)
                    {
                        output.WriteByte((byte)',');
                    }

                    WriteCanonical(item, output, isRoot: false);
                }

                output.WriteByte((byte)']');
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            default:
                // Numbers, true, false and null: their exact source text.
                WriteAscii(element.GetRawText(), output);
                break;
        }
    }

    // Only the quote and the backslash are escaped: enough to keep the byte stream unambiguous,
    // and independent of any JSON library's escaping choices.
    private static void WriteString(string value, Stream output)
    {
        output.WriteByte((byte)'"');
        var bytes = Encoding.UTF8.GetBytes(value.Replace("\\", "\\\\").Replace("\"", "\\\""));
        output.Write(bytes, 0, bytes.Length);
        output.WriteByte((byte)'"');
    }

    private static void WriteAscii(string text, Stream output)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        output.Write(bytes, 0, bytes.Length);
    }

    internal static bool IsWellFormed(string value)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || value.Length != Prefix.Length + 64)
        {
            return false;
        }

        for (int i = Prefix.Length; i < value.Length; i++)
        {
            char c = value[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}
