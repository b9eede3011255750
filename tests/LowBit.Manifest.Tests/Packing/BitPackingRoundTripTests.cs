using System;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.Packing;

public sealed class BitPackingRoundTripTests
{
    public static TheoryData<WeightEncoding, int> Formats => SampleModels.AllWeightFormats();

    /// <summary>Formats whose elements do not fill whole bytes (all but 8 bits).</summary>
    public static TheoryData<WeightEncoding, int> SubByteFormats
    {
        get
        {
            var data = new TheoryData<WeightEncoding, int> { { WeightEncoding.Binary, 1 }, { WeightEncoding.Ternary, 2 } };
            for (int bits = 2; bits < 8; bits++)
            {
                data.Add(WeightEncoding.Signed, bits);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Pack_then_unpack_gives_the_values_back_for_odd_counts(WeightEncoding encoding, int bits)
    {
        // Odd counts make elements straddle byte boundaries at 3, 5, 6 and 7 bits and leave a partial last byte.
        foreach (int count in new[] { 1, 3, 5, 7, 9, 13, 17, 31, 257 })
        {
            var values = SampleModels.WeightValues(encoding, bits, count, seed: count);

            var packed = BitPacking.Pack(encoding, bits, values);
            var unpacked = new sbyte[count];
            BitPacking.Unpack(encoding, bits, packed, unpacked);

            Assert.Equal((count * bits + 7) / 8, packed.Length);
            Assert.Equal(PackedWeights.PackedLength(count, bits), packed.Length);
            Assert.Equal(values, unpacked);
        }
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_allowed_value_survives_at_every_bit_offset(WeightEncoding encoding, int bits)
    {
        var (min, max) = PackedWeights.Range(encoding, bits);
        for (int value = min; value <= max; value++)
        {
            if (encoding == WeightEncoding.Binary && value == 0)
            {
                continue;
            }

            // Eight copies put the value at every bit offset within a byte (gcd(bits, 8) permitting).
            var values = new sbyte[9];
            values.AsSpan().Fill((sbyte)value);

            var unpacked = PackedWeights.Pack(encoding, bits, values).Unpack(values.Length);

            Assert.Equal(values, unpacked);
        }
    }

    [Theory]
    [MemberData(nameof(SubByteFormats))]
    public void Unused_bits_of_the_last_byte_are_zero(WeightEncoding encoding, int bits)
    {
        var (_, max) = PackedWeights.Range(encoding, bits);
        int count = 8 / bits * 8 + 1; // never a whole number of bytes for bits 1..7
        var values = new sbyte[count];
        values.AsSpan().Fill((sbyte)(encoding == WeightEncoding.Signed ? -1 : max));

        var packed = BitPacking.Pack(encoding, bits, values);

        int usedBitsInLastByte = count * bits % 8;
        Assert.NotEqual(0, usedBitsInLastByte);
        Assert.Equal(0, packed[packed.Length - 1] >> usedBitsInLastByte);
    }

    [Theory]
    [InlineData(WeightEncoding.Binary, 1, 0)]
    [InlineData(WeightEncoding.Binary, 1, 2)]
    [InlineData(WeightEncoding.Ternary, 2, 2)]
    [InlineData(WeightEncoding.Ternary, 2, -2)]
    [InlineData(WeightEncoding.Signed, 2, 2)]
    [InlineData(WeightEncoding.Signed, 4, -9)]
    [InlineData(WeightEncoding.Signed, 7, 64)]
    public void Pack_refuses_a_value_the_encoding_cannot_hold(WeightEncoding encoding, int bits, int value)
    {
        var values = new sbyte[] { 1, (sbyte)value };

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => BitPacking.Pack(encoding, bits, values));

        Assert.Contains($"Weight 1 is {value}", exception.Message, StringComparison.Ordinal);
    }
}
