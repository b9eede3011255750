using System;
using System.Security.Cryptography;

namespace LowBit.Data.Tests;

/// <summary>Turns normalised pixels back into the stored bytes, so tests can compare against checksums of the IDX data.</summary>
internal static class PixelBytes
{
    public static byte[] FromNormalized(ReadOnlySpan<float> pixels)
    {
        var bytes = new byte[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            bytes[i] = (byte)MathF.Round(pixels[i] * 255f);
        }

        return bytes;
    }

    public static long Sum(ReadOnlySpan<float> pixels)
    {
        long sum = 0;
        foreach (byte b in FromNormalized(pixels))
        {
            sum += b;
        }

        return sum;
    }

    public static string Sha256(ReadOnlySpan<float> pixels) =>
        Convert.ToHexStringLower(SHA256.HashData(FromNormalized(pixels)));
}
