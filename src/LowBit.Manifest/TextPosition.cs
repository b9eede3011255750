namespace LowBit.Manifest;

/// <summary>
/// Where in a manifest's text a problem was found, for errors the JSON reader locates itself (syntax,
/// truncation, invalid bytes) rather than by a JSON path. Both numbers are 1-based; the column counts
/// characters, as editors and compilers do.
/// </summary>
public readonly record struct TextPosition(int Line, int Column)
{
    public override string ToString() => $"line {Line}, column {Column}";
}
