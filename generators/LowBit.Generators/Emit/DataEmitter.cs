using System;
using System.Globalization;
using System.Text;

namespace LowBit.Generators;

/// <summary>
/// Constant data as <c>static ReadOnlySpan&lt;T&gt;</c> properties: the compiler stores them in the
/// assembly's data section, so reading them allocates nothing and works under NativeAOT and trimming.
/// </summary>
internal static class DataEmitter
{
    /// <summary>
    /// Bytes as little-endian ulong hex words, 8 per line: about 2.5 source characters per byte and one
    /// syntax node per 8 bytes, which keeps multi-megabyte weight tables fast to compile.
    /// </summary>
    public static void WriteBytes(CodeWriter writer, string name, ReadOnlySpan<sbyte> values, string comment)
    {
        writer.Line($"// {comment}");
        writer.Line($"private static ReadOnlySpan<ulong> {name} => new ulong[]");
        writer.Line("{");
        int words = (values.Length + 7) / 8;
        var line = new StringBuilder(8 * 21);
        for (int w = 0; w < words; w++)
        {
            ulong word = 0;
            for (int b = 0; b < 8 && (w * 8) + b < values.Length; b++)
            {
                word |= (ulong)(byte)values[(w * 8) + b] << (8 * b);
            }

            line.Append(line.Length == 0 ? "    " : " ").Append("0x").Append(word.ToString("X16", CultureInfo.InvariantCulture)).Append(',');
            if (w % 8 == 7 || w == words - 1)
            {
                writer.Line(line.ToString());
                line.Clear();
            }
        }

        writer.Line("};");
    }

    /// <summary>int32 values, 16 per line, as decimal literals (thresholds read best as numbers).</summary>
    public static void WriteInts(CodeWriter writer, string name, ReadOnlySpan<int> values, int perLine, string comment)
    {
        writer.Line($"// {comment}");
        writer.Line($"private static ReadOnlySpan<int> {name} => new int[]");
        writer.Line("{");
        var line = new StringBuilder();
        for (int i = 0; i < values.Length; i++)
        {
            line.Append(line.Length == 0 ? "    " : " ").Append(values[i].ToString(CultureInfo.InvariantCulture)).Append(',');
            if (i % perLine == perLine - 1 || i == values.Length - 1)
            {
                writer.Line(line.ToString());
                line.Clear();
            }
        }

        writer.Line("};");
    }

    /// <summary>Floats as shortest round-trip literals; the compiler reads them back to the same bits.</summary>
    public static void WriteFloats(CodeWriter writer, string name, ReadOnlySpan<float> values, string comment)
    {
        writer.Line($"// {comment}");
        writer.Line($"private static ReadOnlySpan<float> {name} => new float[]");
        writer.Line("{");
        var line = new StringBuilder();
        for (int i = 0; i < values.Length; i++)
        {
            line.Append(line.Length == 0 ? "    " : " ").Append(CodeWriter.Float(values[i])).Append(',');
            if (i % 8 == 7 || i == values.Length - 1)
            {
                writer.Line(line.ToString());
                line.Clear();
            }
        }

        writer.Line("};");
    }
}
