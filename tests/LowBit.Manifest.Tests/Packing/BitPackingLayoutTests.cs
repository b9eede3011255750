namespace LowBit.Manifest.Tests.Packing;

/// <summary>The packed layout, computed by hand: LSB-first bit stream, element i at bits [i·b, (i+1)·b).</summary>
public sealed class BitPackingLayoutTests
{
    [Fact]
    public void Signed_3_bit_values_straddle_bytes_LSB_first()
    {
        // codes 001, 111, 010, 100, 011 at bit offsets 0, 3, 6, 9, 12:
        //   byte 0 = bits 0..7  = 1 | 1<<3 | 1<<4 | 1<<5 | 1<<7 (element 2's middle bit) = 0xB9
        //   byte 1 = bits 8..15 = (element 2's top bit 0) | 1<<3 (element 3) | 1<<4 | 1<<5 (element 4) = 0x38
        var values = new sbyte[] { 1, -1, 2, -4, 3 };

        var packed = BitPacking.Pack(WeightEncoding.Signed, 3, values);

        Assert.Equal(new byte[] { 0xB9, 0x38 }, packed);
    }

    [Fact]
    public void Ternary_values_use_two_complement_codes()
    {
        // 0 → 00, +1 → 01, −1 → 11, +1 → 01: 0b01_11_01_00
        var packed = BitPacking.Pack(WeightEncoding.Ternary, 2, new sbyte[] { 0, 1, -1, 1 });

        Assert.Equal(new byte[] { 0b0111_0100 }, packed);
    }

    [Fact]
    public void Binary_codes_one_for_plus_one_and_zero_for_minus_one()
    {
        var packed = BitPacking.Pack(WeightEncoding.Binary, 1, new sbyte[] { 1, -1, -1, 1, 1, 1, -1, 1, 1 });

        Assert.Equal(new byte[] { 0b1011_1001, 0b0000_0001 }, packed);
    }

    [Fact]
    public void Signed_8_bit_values_are_their_two_complement_bytes()
    {
        var packed = BitPacking.Pack(WeightEncoding.Signed, 8, new sbyte[] { -128, -1, 0, 127 });

        Assert.Equal(new byte[] { 0x80, 0xFF, 0x00, 0x7F }, packed);
    }

    [Fact]
    public void Signed_5_bit_unpack_sign_extends()
    {
        // element 0 = 0b10000 (−16), element 1 = 0b01111 (+15), element 2 = 0b11111 (−1):
        // bits: 0000 1 | 11110 | 11111 → byte 0 = 0b1111_0000, byte 1 = 0b0111_1101 (bit 7 unused = 0)
        var values = new sbyte[3];
        BitPacking.Unpack(WeightEncoding.Signed, 5, new byte[] { 0b1111_0000, 0b0111_1101 }, values);

        Assert.Equal(new sbyte[] { -16, 15, -1 }, values);
    }
}
