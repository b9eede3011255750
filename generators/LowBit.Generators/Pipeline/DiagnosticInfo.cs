using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace LowBit.Generators;

/// <summary>
/// A diagnostic as plain data. Roslyn's <see cref="Diagnostic"/> and <see cref="Location"/> are not
/// equatable, so the pipeline carries this and creates the real diagnostic only when reporting.
/// </summary>
internal sealed record DiagnosticInfo(string Id, string FilePath, TextSpan Span, LinePositionSpan LineSpan, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, string filePath, TextSpan span, LinePositionSpan lineSpan, params string[] arguments) =>
        new(descriptor.Id, filePath, span, lineSpan, new EquatableArray<string>(arguments));

    public static DiagnosticInfo AtFileStart(DiagnosticDescriptor descriptor, string filePath, params string[] arguments) =>
        Create(descriptor, filePath, default, default, arguments);

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            DiagnosticDescriptors.ById(Id),
            Location.Create(FilePath, Span, LineSpan),
            Arguments.Cast<object>().ToArray());

    public override string ToString() => $"{Id} {FilePath}({LineSpan.Start.Line + 1}): {string.Join(" | ", Arguments)}";
}
