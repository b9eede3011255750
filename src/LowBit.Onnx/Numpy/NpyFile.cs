using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace LowBit.Onnx.Numpy;

/// <summary>
/// NumPy's .npy format (versions 1–3, https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
/// reads little-endian float32/float64, int8…int64 and uint8 arrays in C order; writes float32.
/// </summary>
public static class NpyFile
{
    private static readonly byte[] Magic = { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' };

    public static NpyArray Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NpyFormatException($"{path}: cannot read the file: {e.Message}");
        }

        return Parse(bytes, path);
    }

    public static NpyArray Parse(byte[] bytes, string path)
    {
        if (bytes.Length < 10 || !bytes.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new NpyFormatException($"{path}: not a .npy file (expected the magic bytes \\x93NUMPY).");
        }

        int major = bytes[6];
        int headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int headerStart = major == 1 ? 10 : 12;
        if (headerStart + headerLength > bytes.Length)
        {
            throw new NpyFormatException($"{path}: the header is cut off ({headerLength} bytes announced, {bytes.Length - headerStart} present).");
        }

        string header = Encoding.Latin1.GetString(bytes, headerStart, headerLength);
        string descr = Field(header, "descr", @"'([^']*)'", path);
        if (Field(header, "fortran_order", "(True|False)", path) == "True")
        {
            throw new NpyFormatException($"{path}: the array is in Fortran order; save it in C order (np.ascontiguousarray).");
        }

        var shape = Field(header, "shape", @"\(([^)]*)\)", path)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToArray();
        int count = shape.Aggregate(1, (p, d) => p * d);
        var (size, decode) = Decoder(descr, path);
        int dataStart = headerStart + headerLength;
        if (bytes.Length - dataStart != (long)count * size)
        {
            throw new NpyFormatException($"{path}: shape ({string.Join(", ", shape)}) of {descr} needs {(long)count * size} bytes of data, found {bytes.Length - dataStart}.");
        }

        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = decode(bytes.AsSpan(dataStart + (i * size), size));
        }

        return new NpyArray(shape, values);
    }

    /// <summary>Writes a float32 array in .npy version 1.0.</summary>
    public static void WriteFloat32(string path, int[] shape, ReadOnlySpan<float> values)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape);
        string dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        // The header (magic, version, length, dict, newline) is padded with spaces to a multiple of 64 bytes.
        int unpadded = 10 + dict.Length + 1;
        string header = dict + new string(' ', ((unpadded + 63) / 64 * 64) - unpadded) + "\n";
        using var stream = File.Create(path);
        stream.Write(Magic);
        stream.Write(new byte[] { 1, 0 });
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.Latin1.GetBytes(header));
        Span<byte> element = stackalloc byte[4];
        foreach (float v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(element, v);
            stream.Write(element);
        }
    }

    private static string Field(string header, string key, string valuePattern, string path)
    {
        var match = Regex.Match(header, $"'{key}'\\s*:\\s*{valuePattern}");
        return match.Success ? match.Groups[1].Value : throw new NpyFormatException($"{path}: the header has no '{key}' entry: {header.Trim()}");
    }

    private delegate double ElementDecoder(ReadOnlySpan<byte> bytes);

    private static (int Size, ElementDecoder Decode) Decoder(string descr, string path) => descr switch
    {
        "<f4" => (4, b => BinaryPrimitives.ReadSingleLittleEndian(b)),
        "<f8" => (8, b => BinaryPrimitives.ReadDoubleLittleEndian(b)),
        "<i8" => (8, b => BinaryPrimitives.ReadInt64LittleEndian(b)),
        "<i4" => (4, b => BinaryPrimitives.ReadInt32LittleEndian(b)),
        "<i2" => (2, b => BinaryPrimitives.ReadInt16LittleEndian(b)),
        "|i1" => (1, b => (sbyte)b[0]),
        "|u1" => (1, b => b[0]),
        _ => throw new NpyFormatException($"{path}: element type '{descr}' is not supported; expected <f4, <f8, <i8, <i4, <i2, |i1 or |u1."),
    };
}
