using System;

namespace LowBit.Manifest;

/// <summary>The bit-stream packing of <see cref="PackedWeights"/>: LSB-first, no padding between elements.</summary>
public static class BitPacking
{
    public static byte[] Pack(WeightEncoding encoding, int bits, ReadOnlySpan<sbyte> values)
    {
        var (min, max) = PackedWeights.Range(encoding, bits);
        var data = new byte[PackedWeights.PackedLength(values.Length, bits)];
        long bitPosition = 0;
        for (int i = 0; i < values.Length; i++, bitPosition += bits)
        {
            int value = values[i];
            if (value < min || value > max || (encoding == WeightEncoding.Binary && value == 0))
            {
                throw new ArgumentOutOfRangeException(nameof(values), $"Weight {i} is {value}; {encoding} {bits}-bit weights hold {DescribeValues(encoding, bits)}.");
            }

            int code = encoding == WeightEncoding.Binary ? (value > 0 ? 1 : 0) : value & ((1 << bits) - 1);
            WriteBits(data, bitPosition, bits, code);
        }

        return data;
    }

    public static void Unpack(WeightEncoding encoding, int bits, ReadOnlySpan<byte> data, Span<sbyte> values)
    {
        long bitPosition = 0;
        for (int i = 0; i < values.Length; i++, bitPosition += bits)
        {
            values[i] = Decode(encoding, bits, ReadBits(data, bitPosition, bits));
        }
    }

    /// <summary>
    /// Index of the first code the encoding does not allow (only ternary has one: 0b10), or −1.
    /// The validator uses this so a corrupt ternary tensor is named rather than silently read as −2.
    /// </summary>
    public static int FindInvalidCode(WeightEncoding encoding, int bits, ReadOnlySpan<byte> data, int count)
    {
        if (encoding != WeightEncoding.Ternary)
        {
            return -1;
        }

        long bitPosition = 0;
        for (int i = 0; i < count; i++, bitPosition += bits)
        {
            if (ReadBits(data, bitPosition, bits) == 0b10)
            {
                return i;
            }
        }

        return -1;
    }

    public static string DescribeValues(WeightEncoding encoding, int bits)
    {
        var (min, max) = PackedWeights.Range(encoding, bits);
        return encoding switch
        {
            WeightEncoding.Binary => "−1 or +1",
            WeightEncoding.Ternary => "−1, 0 or +1",
            _ => $"{min} … {max}",
        };
    }

    private static sbyte Decode(WeightEncoding encoding, int bits, int code)
    {
        if (encoding == WeightEncoding.Binary)
        {
            return (sbyte)(code == 1 ? 1 : -1);
        }

        // Sign-extend the two's complement code from `bits` bits.
        int shift = 32 - bits;
        return (sbyte)((code << shift) >> shift);
    }

    private static int ReadBits(ReadOnlySpan<byte> data, long bitPosition, int bits)
    {
        int code = 0;
        for (int b = 0; b < bits; b++)
        {
            long position = bitPosition + b;
            int bit = (data[(int)(position >> 3)] >> (int)(position & 7)) & 1;
            code |= bit << b;
        }

        return code;
    }

    private static void WriteBits(byte[] data, long bitPosition, int bits, int code)
    {
        for (int b = 0; b < bits; b++)
        {
            long position = bitPosition + b;
            if (((code >> b) & 1) != 0)
            {
                data[position >> 3] |= (byte)(1 << (int)(position & 7));
            }
        }
    }
}
