using System;

namespace LowBit.Manifest;

/// <summary>
/// Integer weights packed at their bitwidth: a little-endian bit stream, element i occupying bits
/// [i·bits, (i+1)·bits) counted from the least significant bit of byte 0. Element order is the
/// layer's logical order (conv: out, in/groups, kh, kw; linear: out, in).
/// </summary>
public sealed class PackedWeights
{
    private readonly byte[] _data;

    public PackedWeights(WeightEncoding encoding, int bits, byte[] data)
    {
        Encoding = encoding;
        Bits = bits;
        _data = data ?? throw new ArgumentNullException(nameof(data));
    }

    public WeightEncoding Encoding { get; }

    public int Bits { get; }

    public ReadOnlySpan<byte> Data => _data;

    /// <summary>Bytes a tensor of <paramref name="count"/> weights of <paramref name="bits"/> bits occupies.</summary>
    public static long PackedLength(long count, int bits) => (count * bits + 7) / 8;

    /// <summary>Packs weight values (already in range for the encoding) into a new instance.</summary>
    public static PackedWeights Pack(WeightEncoding encoding, int bits, ReadOnlySpan<sbyte> values) =>
        new(encoding, bits, BitPacking.Pack(encoding, bits, values));

    /// <summary>Unpacks the first <paramref name="count"/> weights (the layer knows how many it has).</summary>
    public sbyte[] Unpack(int count)
    {
        var values = new sbyte[count];
        BitPacking.Unpack(Encoding, Bits, _data, values);
        return values;
    }

    /// <summary>The smallest and largest weight value this encoding can hold.</summary>
    public static (int Min, int Max) Range(WeightEncoding encoding, int bits) => encoding switch
    {
        WeightEncoding.Binary => (-1, 1),
        WeightEncoding.Ternary => (-1, 1),
        _ => (-(1 << (bits - 1)), (1 << (bits - 1)) - 1),
    };

    /// <summary>The bitwidth an encoding requires, or null when it accepts a range (signed: 2–8).</summary>
    public static int? RequiredBits(WeightEncoding encoding) => encoding switch
    {
        WeightEncoding.Binary => 1,
        WeightEncoding.Ternary => 2,
        _ => null,
    };
}
