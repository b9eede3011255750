namespace LowBit.Manifest;

/// <summary>Constants that identify the manifest format.</summary>
public static class ManifestFormat
{
    /// <summary>The value of the root <c>format</c> member.</summary>
    public const string FormatName = "lowbit-manifest";

    /// <summary>The only format version this library reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The file extension of a manifest, including the dot.</summary>
    public const string FileExtension = ".lbq";

    /// <summary>The id by which layers refer to the model input.</summary>
    public const string InputId = "input";

    /// <summary>
    /// Files above this size are refused before they are read: a ResNet-50 at 8 bit is about 70 MB,
    /// so anything larger is far more likely a wrong file than a model.
    /// </summary>
    public const long DefaultMaxFileBytes = 128L * 1024 * 1024;
}
