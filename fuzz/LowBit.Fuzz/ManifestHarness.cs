using System;
using System.Text.Json;
using LowBit.Manifest;

namespace LowBit.Fuzz;

/// <summary>
/// The manifest reader's contract: any bytes either read as a model or throw <see cref="ManifestException"/>.
/// </summary>
internal static class ManifestHarness
{
    public static void Run(byte[] input)
    {
        Read(input);

        // Almost every mutation breaks the checksum, which the reader checks before the structure; resealed,
        // the same mutation reaches the binder and the validator.
        if (TrySeal(input) is { } resealed)
        {
            Read(resealed);
        }
    }

    private static void Read(byte[] utf8)
    {
        try
        {
            ManifestReader.ReadBytes(utf8, "fuzz.lbq");
        }
        catch (ManifestException)
        {
        }
    }

    /// <summary>Seal documents these two refusals: not JSON, or not a JSON object it can hash.</summary>
    private static byte[]? TrySeal(byte[] utf8)
    {
        try
        {
            return ManifestWriter.Seal(utf8);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return null;
        }
    }
}
