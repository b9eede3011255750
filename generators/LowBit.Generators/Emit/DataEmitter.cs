using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LowBit.Generators;

/// <summary>
/// Constant data as <c>static ReadOnlySpan&lt;T&gt;</c> properties. In an optimized build the compiler
/// stores <c>new T[] { … }</c> behind such a property in the assembly's data section (via
/// RuntimeHelpers.CreateSpan): no allocation, NativeAOT- and trimming-friendly. Without optimization
/// it allocates a fresh array on every access for any T wider than a byte, so Debug builds get the
/// same data in a static readonly array created once per process instead.
/// </summary>
internal static class DataEmitter
{
    /// <summary>
    /// Bytes as little-endian ulong hex words, 8 per line: about 2.5 source characters per byte and one
    /// syntax node per 8 bytes. Byte literals would avoid the reinterpretation but compile ~10× slower
    /// (measured: 4 min against 22 s for 11 MB of weights).
    /// </summary>
    public static void WriteBytes(CodeWriter writer, string name, ReadOnlySpan<sbyte> values, string comment, ModelPlan model)
    {
        bool optimized = model.OptimizedBuild;
        if (values.Length >= PackedThreshold && model.PacksLargeData)
        {
            WritePacked(writer, name, values, comment);
            return;
        }

        int words = (values.Length + 7) / 8;
        var items = new List<string>(words);
        for (int w = 0; w < words; w++)
        {
            ulong word = 0;
            for (int b = 0; b < 8 && (w * 8) + b < values.Length; b++)
            {
                word |= (ulong)(byte)values[(w * 8) + b] << (8 * b);
            }

            items.Add("0x" + word.ToString("X16", CultureInfo.InvariantCulture));
        }

        WriteArray(writer, "ulong", name, items, 8, comment, optimized);
    }

    /// <summary>Byte arrays at least this long are written as packed base64 text (<see cref="WritePacked"/>).</summary>
    public const int PackedThreshold = 1024;

    /// <summary>Characters per line of packed text.</summary>
    private const int PackedLineLength = 64;

    /// <summary>The character that encodes the 15-bit group 0 (see <see cref="WritePacked"/>).</summary>
    public const char PackedTextBase = '\u3400';

    /// <summary>
    /// A large byte array as packed text: each value packed at the fewest bits (2, 4 or 8) that hold every value
    /// as two's complement, the bit stream cut into 15-bit groups, group g written as the character U+3400 + g
    /// (U+3400–U+B3FF: no surrogates, quotes, backslashes or line breaks, so one verbatim string holds it), and
    /// unpacked once into a static array when the model type is first used. Numeric literals cost the compiler a
    /// syntax node each (a ResNet-18's 11.5 M weights took csc 1.7 GB and 19 s), and so does a UTF-8 string
    /// literal, which the compiler lowers byte by byte; one string constant costs it two bytes per 15 bits, and the
    /// text shrinks with the bitwidth. The span property keeps its type, so the kernels read the data as before.
    /// </summary>
    private static void WritePacked(CodeWriter writer, string name, ReadOnlySpan<sbyte> values, string comment)
    {
        int bits = PackingBits(values);
        int length = (values.Length + 7) / 8 * 8;
        var packed = new byte[((length * bits) + 7) / 8];
        for (int i = 0; i < values.Length; i++)
        {
            int twosComplement = values[i] & ((1 << bits) - 1);
            packed[(i * bits) / 8] |= (byte)(twosComplement << ((i * bits) % 8));
        }

        string text = ToPackedText(packed);
        string field = "s_" + char.ToLowerInvariant(name[0]) + name.Substring(1);
        writer.DataNames.Add(name);
        writer.Line($"// {comment}");
        writer.Line($"private static ReadOnlySpan<ulong> {name} => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>({field});");
        writer.Line();
        writer.Line($"// {length} bytes as {bits}-bit two's complement fields (first value lowest), 15 bits per character from U+3400; unpacked to int8 once.");
        writer.Line($"private static readonly byte[] {field} = LowBitLayerKernels.UnpackBytes(@\"");
        for (int at = 0; at < text.Length; at += PackedLineLength)
        {
            writer.Line(text.Substring(at, Math.Min(PackedLineLength, text.Length - at)));
        }

        writer.Line($"\", bits: {bits}, length: {length});");
    }

    /// <summary>The bit stream of <paramref name="bytes"/> (byte 0's bit 0 first) as characters of 15 bits each.</summary>
    private static string ToPackedText(byte[] bytes)
    {
        var text = new StringBuilder(((bytes.Length * 8) + 14) / 15);
        ulong pending = 0;
        int pendingBits = 0;
        foreach (var b in bytes)
        {
            pending |= (ulong)b << pendingBits;
            pendingBits += 8;
            if (pendingBits >= 15)
            {
                text.Append((char)(PackedTextBase + (int)(pending & 0x7FFF)));
                pending >>= 15;
                pendingBits -= 15;
            }
        }

        if (pendingBits > 0)
        {
            text.Append((char)(PackedTextBase + (int)pending));
        }

        return text.ToString();
    }

    /// <summary>The fewest of 2, 4 and 8 bits that hold every value as a two's complement field.</summary>
    private static int PackingBits(ReadOnlySpan<sbyte> values)
    {
        int low = 0, high = 0;
        foreach (var value in values)
        {
            low = Math.Min(low, value);
            high = Math.Max(high, value);
        }

        return low >= -2 && high <= 1 ? 2 : low >= -8 && high <= 7 ? 4 : 8;
    }

    /// <summary>int32 values as decimal literals (thresholds read best as numbers).</summary>
    public static void WriteInts(CodeWriter writer, string name, ReadOnlySpan<int> values, int perLine, string comment, bool optimized) =>
        WriteDecimals(writer, "int", name, values.ToArray(), perLine, comment, optimized);

    /// <summary>int16 values as decimal literals.</summary>
    public static void WriteShorts(CodeWriter writer, string name, ReadOnlySpan<short> values, int perLine, string comment, bool optimized) =>
        WriteDecimals(writer, "short", name, Array.ConvertAll(values.ToArray(), v => (int)v), perLine, comment, optimized);

    private static void WriteDecimals(CodeWriter writer, string elementType, string name, int[] values, int perLine, string comment, bool optimized)
    {
        var items = Array.ConvertAll(values, v => v.ToString(CultureInfo.InvariantCulture));
        WriteArray(writer, elementType, name, new List<string>(items), Math.Max(1, Math.Min(perLine, 32)), comment, optimized);
    }

    /// <summary>Floats as shortest round-trip literals; the compiler reads them back to the same bits.</summary>
    public static void WriteFloats(CodeWriter writer, string name, ReadOnlySpan<float> values, string comment, bool optimized)
    {
        var items = new List<string>(values.Length);
        foreach (var value in values)
        {
            items.Add(CodeWriter.Float(value));
        }

        WriteArray(writer, "float", name, items, 8, comment, optimized);
    }

    /// <summary>Doubles as round-trip literals; the compiler reads them back to the same bits.</summary>
    public static void WriteDoubles(CodeWriter writer, string name, ReadOnlySpan<double> values, string comment, bool optimized)
    {
        var items = new List<string>(values.Length);
        foreach (var value in values)
        {
            items.Add(value.ToString("R", CultureInfo.InvariantCulture) + "d");
        }

        WriteArray(writer, "double", name, items, 4, comment, optimized);
    }

    private static void WriteArray(CodeWriter writer, string elementType, string name, List<string> items, int perLine, string comment, bool optimized)
    {
        writer.DataNames.Add(name);
        writer.Line($"// {comment}");
        if (optimized)
        {
            writer.Line($"private static ReadOnlySpan<{elementType}> {name} => new {elementType}[]");
        }
        else
        {
            string field = "s_" + char.ToLowerInvariant(name[0]) + name.Substring(1);
            writer.Line($"private static ReadOnlySpan<{elementType}> {name} => {field};");
            writer.Line();
            writer.Line("// Unoptimized build: an array created once, because a span over new[] data would allocate on every access.");
            writer.Line($"private static readonly {elementType}[] {field} = new {elementType}[]");
        }

        writer.Line("{");
        var line = new StringBuilder();
        for (int i = 0; i < items.Count; i++)
        {
            line.Append(line.Length == 0 ? "    " : " ").Append(items[i]).Append(',');
            if (i % perLine == perLine - 1 || i == items.Count - 1)
            {
                writer.Line(line.ToString());
                line.Clear();
            }
        }

        writer.Line("};");
    }
}
