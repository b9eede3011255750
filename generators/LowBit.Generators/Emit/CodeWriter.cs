using System;
using System.Globalization;
using System.Text;

namespace LowBit.Generators;

/// <summary>
/// Indented C# text. Every number goes through the invariant culture: generated code must not depend
/// on the build machine's locale (a culture's minus sign or decimal comma would break it).
/// </summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder _text;
    private int _indent;

    public CodeWriter(int capacity = 16 * 1024)
    {
        _text = new StringBuilder(capacity);
    }

    /// <summary>The constant-data properties written so far (see <see cref="DataEmitter"/>).</summary>
    public System.Collections.Generic.List<string> DataNames { get; } = new();

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }

        _text.Append(line).Append('\n');
        return this;
    }

    public CodeWriter Lines(params string[] lines)
    {
        foreach (var line in lines)
        {
            Line(line);
        }

        return this;
    }

    public IDisposable Block(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return new Closer(this);
    }

    public void Raw(string text) => _text.Append(text);

    public override string ToString() => _text.ToString();

    /// <summary>Text for an XML doc comment.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A float literal that parses back to exactly <paramref name="value"/> ("R" is shortest round-trip on .NET Core).</summary>
    public static string Float(float value) =>
        float.IsPositiveInfinity(value) ? "float.PositiveInfinity"
        : float.IsNegativeInfinity(value) ? "float.NegativeInfinity"
        : value.ToString("R", CultureInfo.InvariantCulture) + "f";

    private sealed class Closer : IDisposable
    {
        private readonly CodeWriter _writer;

        public Closer(CodeWriter writer)
        {
            _writer = writer;
        }

        public void Dispose()
        {
            _writer._indent--;
            _writer.Line("}");
        }
    }
}
