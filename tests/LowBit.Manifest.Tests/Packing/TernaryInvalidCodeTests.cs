namespace LowBit.Manifest.Tests.Packing;

public sealed class TernaryInvalidCodeTests
{
    [Fact]
    public void Code_0b10_is_found_at_its_index()
    {
        // codes 00, 01, 10, 11 → element 2 holds the invalid code.
        var data = new byte[] { 0b11_10_01_00 };

        Assert.Equal(2, BitPacking.FindInvalidCode(WeightEncoding.Ternary, 2, data, 4));
    }

    [Fact]
    public void Code_0b10_beyond_the_weight_count_is_ignored()
    {
        var data = new byte[] { 0b10_00_00_00 };

        Assert.Equal(-1, BitPacking.FindInvalidCode(WeightEncoding.Ternary, 2, data, 3));
        Assert.Equal(3, BitPacking.FindInvalidCode(WeightEncoding.Ternary, 2, data, 4));
    }

    [Fact]
    public void Valid_ternary_codes_are_accepted()
    {
        var data = BitPacking.Pack(WeightEncoding.Ternary, 2, new sbyte[] { -1, 0, 1, 1, 0, -1, -1 });

        Assert.Equal(-1, BitPacking.FindInvalidCode(WeightEncoding.Ternary, 2, data, 7));
    }

    [Fact]
    public void Signed_2_bit_code_0b10_is_valid_minus_two()
    {
        var data = new byte[] { 0b10 };
        var values = new sbyte[1];
        BitPacking.Unpack(WeightEncoding.Signed, 2, data, values);

        Assert.Equal(-1, BitPacking.FindInvalidCode(WeightEncoding.Signed, 2, data, 1));
        Assert.Equal(-2, values[0]);
    }
}
