using System;
using System.Runtime.InteropServices;
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
public static partial class ManifestReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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

        // Editors on Windows may save a UTF-8 byte order mark; JSON parsers need not accept one.
        var content = HasByteOrderMark(utf8) ? new ReadOnlyMemory<byte>(utf8, 3, utf8.Length - 3) : utf8;
        if (content.Length == 0)
        {
            throw Fail(filePath, "$", "expected a JSON manifest object, found an empty file");
        }

        if (IsBlank(content.Span))
        {
            throw Fail(filePath, "$", "expected a JSON manifest object, found only white space");
        }

        CheckUtf8(content, filePath);
        using var document = Parse(content, filePath);
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

    private static JsonDocument Parse(ReadOnlyMemory<byte> utf8, string filePath)
    {
        try
        {
            return JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            var span = utf8.Span;
            if (e.LineNumber is not long line || e.BytePositionInLine is not long byteInLine)
            {
                throw Fail(filePath, "$", $"expected valid JSON, found a syntax error: {FirstSentence(e.Message)}");
            }

            long offset = TextPositions.OffsetOf(span, line, byteInLine);
            int contentEnd = TrimmedLength(span);
            if (offset >= contentEnd)
            {
                // The parser needed more input than there is: the classic symptom of an interrupted copy or download.
                var end = TextPositions.At(span, contentEnd);
                throw Fail(filePath, "$", $"expected the rest of the JSON document, found the end of the file at {end}: the file is truncated", ManifestErrorKind.Corrupt, end);
            }

            var position = TextPositions.At(span, offset);
            throw Fail(filePath, "$", $"expected valid JSON, found a syntax error at {position}: {FirstSentence(e.Message)}", position: position);
        }
    }

    /// <summary>
    /// JSON readers may pass invalid UTF-8 inside strings through unchecked; a corrupt byte must be
    /// reported as such rather than surface later as an unrelated exception.
    /// </summary>
    private static void CheckUtf8(ReadOnlyMemory<byte> utf8, string filePath)
    {
        var bytes = MemoryMarshal.TryGetArray(utf8, out var segment) ? segment : new ArraySegment<byte>(utf8.ToArray());
        try
        {
            StrictUtf8.GetCharCount(bytes.Array!, bytes.Offset, bytes.Count);
        }
        catch (DecoderFallbackException e)
        {
            var span = utf8.Span;
            int invalid = Math.Max(0, Math.Min(e.Index, span.Length - 1));
            var position = TextPositions.At(span, invalid);
            throw Fail(
                filePath,
                "$",
                $"expected UTF-8 text, found the invalid byte 0x{span[invalid]:X2} at {position}: the file is corrupt or not a manifest",
                ManifestErrorKind.Corrupt,
                position);
        }
    }

    private static int TrimmedLength(ReadOnlySpan<byte> utf8)
    {
        int length = utf8.Length;
        while (length > 0 && IsWhiteSpace(utf8[length - 1]))
        {
            length--;
        }

        return length;
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
                $"expected format version {ManifestFormat.CurrentVersion}, found {version}: this file was written by a newer LowBit; update LowBit to read it",
                ManifestErrorKind.Unsupported);
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
                $"expected the content to hash to {stated} (the stated checksum), found {actual}: the file is corrupt or was edited; " +
                "re-export it, or after a deliberate edit run 'lowbit seal <file>'",
                ManifestErrorKind.Corrupt);
        }
    }

    private static void CheckSize(string filePath, long length, long maxFileBytes)
    {
        if (length > maxFileBytes)
        {
            throw Fail(filePath, "$", $"expected at most {Size(maxFileBytes)} for a manifest, found a file of {Size(length)} (is this the right file?)");
        }
    }

    /// <summary>MiB with one decimal for large sizes; exact bytes below 1 MiB, where MiB would round two different sizes alike.</summary>
    private static string Size(long bytes) => bytes < 1024 * 1024
        ? bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes"
        : (bytes / (1024.0 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MiB";

    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (!IsWhiteSpace(b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static bool HasByteOrderMark(byte[] utf8) => utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF;

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message.Substring(0, end + 1) : message;
    }

    private static ManifestException Fail(string filePath, string jsonPath, string message, ManifestErrorKind kind = ManifestErrorKind.Invalid, TextPosition? position = null) =>
        new(new ManifestError(filePath, jsonPath, message, kind) { Position = position });
}
