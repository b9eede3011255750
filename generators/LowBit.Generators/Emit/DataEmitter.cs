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
    public static void WriteBytes(CodeWriter writer, string name, ReadOnlySpan<sbyte> values, string comment, bool optimized)
    {
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

    /// <summary>int32 values as decimal literals (thresholds read best as numbers).</summary>
    public static void WriteInts(CodeWriter writer, string name, ReadOnlySpan<int> values, int perLine, string comment, bool optimized)
    {
        var items = new List<string>(values.Length);
        foreach (var value in values)
        {
            items.Add(value.ToString(CultureInfo.InvariantCulture));
        }

        WriteArray(writer, "int", name, items, Math.Max(1, Math.Min(perLine, 32)), comment, optimized);
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
