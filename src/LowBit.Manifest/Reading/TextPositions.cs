using System;
using System.Text;

namespace LowBit.Manifest;

/// <summary>
/// Converts between the JSON reader's coordinates (0-based line, byte within the line) and what people
/// and compilers count (1-based line, 1-based character column).
/// </summary>
internal static class TextPositions
{
    /// <summary>The byte offset of a 0-based line and byte within it; may point past the end of the text.</summary>
    public static long OffsetOf(ReadOnlySpan<byte> utf8, long line, long byteInLine)
    {
        long offset = 0;
        for (long remaining = line; remaining > 0 && offset < utf8.Length; offset++)
        {
            if (utf8[(int)offset] == (byte)'\n')
            {
                remaining--;
            }
        }

        return offset + byteInLine;
    }

    /// <summary>The 1-based line and character column of a byte offset (clamped to the text).</summary>
    public static TextPosition At(ReadOnlySpan<byte> utf8, long byteOffset)
    {
        int end = (int)Math.Max(0, Math.Min(byteOffset, utf8.Length));
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < end; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new TextPosition(line, CharacterCount(utf8.Slice(lineStart, end - lineStart)) + 1);
    }

    // Counts UTF-8 lead bytes, so a damaged sequence still counts as characters rather than throwing.
    private static int CharacterCount(ReadOnlySpan<byte> utf8)
    {
        int count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
            {
                count++;
            }
        }

        return count;
    }
}
