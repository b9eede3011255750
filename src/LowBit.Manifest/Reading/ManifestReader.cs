using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace LowBit.Manifest;

/// <summary>
/// Reads and fully validates a manifest. Order of checks: size, JSON syntax, format and version,
/// checksum, structure, semantics — so a corrupt or future file is reported as such before any of
/// its content is interpreted. Every failure is a <see cref="ManifestException"/> naming the file,
/// the JSON path and what was expected.
/// </summary>
public static class ManifestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static ModelManifest ReadFile(string path, long maxFileBytes = ManifestFormat.DefaultMaxFileBytes)
    {
        FileInfo file;
        try
        {
            file = new FileInfo(path);
            if (!file.Exists)
            {
                throw Fail(path, "$", "file not found");
            }
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or UnauthorizedAccessException or PathTooLongException)
        {
            throw Fail(path, "$", $"cannot open the file: {e.Message}");
        }

        CheckSize(path, file.Length, maxFileBytes);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw Fail(path, "$", $"cannot read the file: {e.Message}");
        }

        return ReadBytes(bytes, path, maxFileBytes);
    }

    /// <summary>Reads manifest text, e.g. a source generator's AdditionalText.</summary>
    public static ModelManifest ReadText(string text, string filePath, long maxFileBytes = ManifestFormat.DefaultMaxFileBytes)
    {
        // Check before encoding: a UTF-8 copy of an oversized text is exactly what the limit prevents.
        CheckSize(filePath, text.Length, maxFileBytes);
        return ReadBytes(Encoding.UTF8.GetBytes(text), filePath, maxFileBytes);
    }

    public static ModelManifest ReadBytes(byte[] utf8, string filePath, long maxFileBytes = ManifestFormat.DefaultMaxFileBytes)
    {
        CheckSize(filePath, utf8.Length, maxFileBytes);
        if (IsBlank(utf8))
        {
            throw Fail(filePath, "$", "the file is empty; expected a JSON manifest object");
        }

        using var document = Parse(utf8, filePath);
        var root = new JsonObjectReader(document.RootElement, "$", filePath);
        CheckFormat(root);
        CheckChecksum(root, document.RootElement);
        var manifest = ManifestBinder.Bind(root);
        var errors = ManifestValidator.Validate(manifest, filePath);
        if (errors.Count > 0)
        {
            throw new ManifestException(errors);
        }

        return manifest;
    }

    private static JsonDocument Parse(byte[] utf8, string filePath)
    {
        try
        {
            return JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : string.Empty;
            throw Fail(filePath, "$", $"not valid JSON{where} (a truncated file looks like this): {FirstSentence(e.Message)}");
        }
    }

    private static void CheckFormat(JsonObjectReader root)
    {
        var format = root.RequireString(JsonNames.Format);
        if (format != ManifestFormat.FormatName)
        {
            throw root.Error(root.MemberPath(JsonNames.Format), $"expected \"{ManifestFormat.FormatName}\", found \"{format}\"");
        }

        var version = root.RequireInt(JsonNames.FormatVersion);
        if (version > ManifestFormat.CurrentVersion)
        {
            throw root.Error(
                root.MemberPath(JsonNames.FormatVersion),
                $"expected format version {ManifestFormat.CurrentVersion}, found {version}: this file was written by a newer LowBit; update LowBit to read it");
        }

        if (version < 1)
        {
            throw root.Error(root.MemberPath(JsonNames.FormatVersion), $"expected format version {ManifestFormat.CurrentVersion}, found {version}");
        }
    }

    private static void CheckChecksum(JsonObjectReader root, JsonElement rootElement)
    {
        var stated = root.RequireString(JsonNames.Checksum);
        var path = root.MemberPath(JsonNames.Checksum);
        if (!ManifestChecksum.IsWellFormed(stated))
        {
            throw root.Error(path, $"expected \"{ManifestChecksum.Prefix}\" followed by 64 lowercase hex digits, found \"{stated}\"");
        }

        var actual = ManifestChecksum.Compute(rootElement);
        if (!string.Equals(stated, actual, StringComparison.Ordinal))
        {
            throw root.Error(
                path,
                $"the content does not match the checksum (content hashes to {actual}): the file is corrupt or was edited; " +
                "re-export it, or after a deliberate edit run 'lowbit seal <file>'");
        }
    }

    private static void CheckSize(string filePath, long length, long maxFileBytes)
    {
        if (length > maxFileBytes)
        {
            throw Fail(filePath, "$", $"the file is {Megabytes(length)}; expected at most {Megabytes(maxFileBytes)} for a manifest (is this the right file?)");
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MiB";

    private static bool IsBlank(byte[] utf8)
    {
        foreach (var b in utf8)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message.Substring(0, end + 1) : message;
    }

    private static ManifestException Fail(string filePath, string jsonPath, string message) =>
        new(new ManifestError(filePath, jsonPath, message));
}
