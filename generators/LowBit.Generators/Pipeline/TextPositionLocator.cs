using System;
using LowBit.Manifest;
using Microsoft.CodeAnalysis.Text;

namespace LowBit.Generators;

/// <summary>
/// The span of a reader-located error (a JSON syntax error, the end of a truncated file): one character
/// at the reader's 1-based line and column, or an empty span where the text ends.
/// </summary>
internal static class TextPositionLocator
{
    public static (TextSpan Span, LinePositionSpan LineSpan) Locate(SourceText text, TextPosition position)
    {
        if (text.Lines.Count == 0)
        {
            return (default, default);
        }

        var line = text.Lines[Math.Max(0, Math.Min(position.Line - 1, text.Lines.Count - 1))];
        int start = Math.Min(line.Start + Math.Max(0, position.Column - 1), line.End);
        var span = new TextSpan(start, start < line.End ? 1 : 0);
        return (span, text.Lines.GetLinePositionSpan(span));
    }
}
