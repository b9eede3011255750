using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;

namespace LowBit.Data;

/// <summary>
/// Reads IDX files as distributed with MNIST (idx3-ubyte images, idx1-ubyte labels),
/// plain or gzip-compressed. Layout: a big-endian 32-bit magic number 0x000008DD
/// (0x08 = unsigned-byte data, DD = dimension count), one big-endian 32-bit size per
/// dimension, then the data. Every malformed field raises <see cref="DatasetFormatException"/>.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;
    private const int ImageDimensionCount = 3;
    private const int LabelDimensionCount = 1;

    public static IdxImages ReadImages(string path)
    {
        using FileStream file = File.OpenRead(path);
        return ReadImages(file, path);
    }

    /// <param name="fileName">Used only in error messages, so name whatever the user would recognise.</param>
    public static IdxImages ReadImages(Stream stream, string fileName)
    {
        byte[] content = IdxContent.Read(stream, fileName);
        int[] sizes = ReadHeader(content, fileName, ImageDimensionCount, "image count", "row count", "column count");
        int headerLength = HeaderLength(ImageDimensionCount);
        long expectedBytes = (long)sizes[0] * sizes[1] * sizes[2];
        string layout = $"{sizes[0]} images × {sizes[1]} rows × {sizes[2]} columns";
        CheckDataLength(content, headerLength, expectedBytes, fileName, "pixel data", layout);
        return new IdxImages(sizes[0], sizes[1], sizes[2], content.AsMemory(headerLength));
    }

    public static ReadOnlyMemory<byte> ReadLabels(string path)
    {
        using FileStream file = File.OpenRead(path);
        return ReadLabels(file, path);
    }

    /// <param name="fileName">Used only in error messages, so name whatever the user would recognise.</param>
    public static ReadOnlyMemory<byte> ReadLabels(Stream stream, string fileName)
    {
        byte[] content = IdxContent.Read(stream, fileName);
        int[] sizes = ReadHeader(content, fileName, LabelDimensionCount, "label count");
        int headerLength = HeaderLength(LabelDimensionCount);
        CheckDataLength(content, headerLength, sizes[0], fileName, "label data", $"{sizes[0]} labels");
        return content.AsMemory(headerLength);
    }

    private static int HeaderLength(int dimensionCount) => 4 + (4 * dimensionCount);

    private static int[] ReadHeader(ReadOnlySpan<byte> content, string fileName, int dimensionCount, params string[] dimensionNames)
    {
        uint expectedMagic = ((uint)UnsignedByteType << 8) | (uint)dimensionCount;
        string expectedMagicText = $"0x{expectedMagic:X8} (unsigned-byte data, {dimensionCount} dimension{(dimensionCount == 1 ? "" : "s")})";
        if (content.Length < 4)
        {
            throw new DatasetFormatException(fileName, "magic number", expectedMagicText, $"only {content.Length} bytes in the file");
        }

        uint magic = BinaryPrimitives.ReadUInt32BigEndian(content);
        if (content[0] != 0 || content[1] != 0 || content[2] != UnsignedByteType)
        {
            throw new DatasetFormatException(fileName, "magic number", expectedMagicText, $"0x{magic:X8}");
        }

        if (content[3] != dimensionCount)
        {
            throw new DatasetFormatException(fileName, "dimension count", dimensionCount.ToString(CultureInfo.InvariantCulture), content[3].ToString(CultureInfo.InvariantCulture));
        }

        var sizes = new int[dimensionCount];
        for (int i = 0; i < dimensionCount; i++)
        {
            int offset = 4 + (4 * i);
            if (content.Length < offset + 4)
            {
                throw new DatasetFormatException(fileName, dimensionNames[i], $"a 4-byte size at byte offset {offset}", $"end of file after {content.Length} bytes");
            }

            // Sizes are unsigned in the format, but anything above int.MaxValue cannot be a real dataset.
            uint size = BinaryPrimitives.ReadUInt32BigEndian(content[offset..]);
            if (size > int.MaxValue)
            {
                throw new DatasetFormatException(fileName, dimensionNames[i], $"at most {int.MaxValue}", size.ToString(CultureInfo.InvariantCulture));
            }

            sizes[i] = (int)size;
        }

        return sizes;
    }

    private static void CheckDataLength(byte[] content, int headerLength, long expectedBytes, string fileName, string field, string layout)
    {
        long foundBytes = content.Length - headerLength;
        if (foundBytes == expectedBytes)
        {
            return;
        }

        string problem = foundBytes < expectedBytes ? "the file is truncated" : "the file has trailing bytes";
        throw new DatasetFormatException(fileName, field, $"{expectedBytes} bytes after the header ({layout})", $"{foundBytes} bytes; {problem}");
    }
}
