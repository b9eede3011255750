namespace LowBit.Manifest;

/// <summary>One problem found in a manifest: which file, which JSON member, and what was expected.</summary>
/// <param name="FilePath">The file the manifest came from, or a description such as "&lt;memory&gt;".</param>
/// <param name="JsonPath">The JSONPath of the offending member, e.g. <c>$.layers[2].weights.bits</c>.</param>
/// <param name="Message">What was expected and what was found.</param>
/// <param name="Kind">Broad class of the problem, so tools can react differently (the generator maps it to diagnostic ids).</param>
public sealed record ManifestError(string FilePath, string JsonPath, string Message, ManifestErrorKind Kind = ManifestErrorKind.Invalid)
{
    /// <summary>The line and column in the text, when the error is located there rather than at <see cref="JsonPath"/>.</summary>
    public TextPosition? Position { get; init; }

    public override string ToString() => $"{FilePath}: {JsonPath}: {Message}";
}
