using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace LowBit.Data.Tests;

/// <summary>Builds IDX files byte by byte, so tests control every header field independently of the reader.</summary>
internal static class IdxTestFiles
{
    public static byte[] Images(int count, int rows, int columns, byte[] pixels) =>
        Build(0x00000803, new[] { count, rows, columns }, pixels);

    public static byte[] Labels(byte[] labels) =>
        Build(0x00000801, new[] { labels.Length }, labels);

    public static byte[] Build(uint magic, int[] sizes, byte[] data)
    {
        var bytes = new byte[4 + (4 * sizes.Length) + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (int i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), sizes[i]);
        }

        data.CopyTo(bytes, 4 + (4 * sizes.Length));
        return bytes;
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    /// <summary>Pixels that differ per image and per position, so an off-by-one in slicing shows.</summary>
    public static byte[] PatternPixels(int count, int pixelsPerImage)
    {
        var pixels = new byte[count * pixelsPerImage];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * 7) + (i / pixelsPerImage));
        }

        return pixels;
    }
}
