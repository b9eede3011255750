namespace LowBit.Manifest;

/// <summary>What kind of problem a <see cref="ManifestError"/> reports.</summary>
public enum ManifestErrorKind
{
    /// <summary>The file is readable but describes an invalid model (a missing field, shapes that don't chain, …).</summary>
    Invalid,

    /// <summary>The bytes are damaged: checksum mismatch, truncated JSON, invalid UTF-8.</summary>
    Corrupt,

    /// <summary>Well-formed, but asks for something this version cannot run: an unknown op, encoding or bitwidth, or a newer format.</summary>
    Unsupported,
}
