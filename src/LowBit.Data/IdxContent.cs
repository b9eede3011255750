using System;
using System.IO;
using System.IO.Compression;

namespace LowBit.Data;

/// <summary>
/// Reads the whole (decompressed) content of an IDX file. MNIST is distributed both as raw
/// IDX and as .gz, and file names are not trustworthy, so gzip is detected by its magic bytes.
/// </summary>
internal static class IdxContent
{
    private const byte GzipMagic0 = 0x1F;
    private const byte GzipMagic1 = 0x8B;

    public static byte[] Read(Stream stream, string fileName)
    {
        // Peeking at the magic bytes needs a seekable stream; an embedded resource or file already is one.
        Stream seekable = stream.CanSeek ? stream : CopyToMemory(stream);
        long start = seekable.Position;
        Span<byte> magic = stackalloc byte[2];
        int peeked = seekable.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        seekable.Position = start;

        bool isGzip = peeked == 2 && magic[0] == GzipMagic0 && magic[1] == GzipMagic1;
        return isGzip ? Decompress(seekable, fileName) : ReadRemaining(seekable);
    }

    private static byte[] Decompress(Stream compressed, string fileName)
    {
        try
        {
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress, leaveOpen: true);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new DatasetFormatException(fileName, "gzip stream", "valid gzip-compressed data", "data that does not decompress (the file is corrupt or truncated)", ex);
        }
    }

    private static byte[] ReadRemaining(Stream stream)
    {
        long remaining = stream.Length - stream.Position;
        var content = new byte[remaining];
        stream.ReadExactly(content);
        return content;
    }

    private static MemoryStream CopyToMemory(Stream stream)
    {
        var memory = new MemoryStream();
        stream.CopyTo(memory);
        memory.Position = 0;
        return memory;
    }
}
