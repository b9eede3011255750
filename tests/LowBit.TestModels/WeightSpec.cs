using System;
using System.Collections.Generic;
using LowBit.Manifest;

namespace LowBit.TestModels;

/// <summary>How a builder layer's weights are encoded; weights are drawn uniformly over the encoding's values.</summary>
public sealed record WeightSpec
{
    private WeightSpec(WeightEncoding encoding, int bits)
    {
        Encoding = encoding;
        Bits = bits;
    }

    /// <summary>1 bit, values −1 and +1.</summary>
    public static WeightSpec Binary { get; } = new(WeightEncoding.Binary, 1);

    /// <summary>2 bits, values −1, 0, +1.</summary>
    public static WeightSpec Ternary { get; } = new(WeightEncoding.Ternary, 2);

    /// <summary>The encodings the catalog covers: binary, ternary and signed 2, 3, 4 and 8 bits.</summary>
    public static IReadOnlyList<WeightSpec> All { get; } = new[] { Binary, Ternary, Signed(2), Signed(3), Signed(4), Signed(8) };

    public WeightEncoding Encoding { get; }

    public int Bits { get; }

    public int Min => PackedWeights.Range(Encoding, Bits).Min;

    public int Max => PackedWeights.Range(Encoding, Bits).Max;

    /// <summary>Two's complement weights of 2 to 8 bits: −2^(bits−1) … 2^(bits−1) − 1.</summary>
    public static WeightSpec Signed(int bits)
    {
        if (bits < 2 || bits > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "Signed weights have 2 to 8 bits (use WeightSpec.Binary for 1 bit).");
        }

        return new WeightSpec(WeightEncoding.Signed, bits);
    }

    /// <summary>One random weight, uniform over the encoding's values.</summary>
    internal sbyte Draw(Random random) => Encoding switch
    {
        WeightEncoding.Binary => (sbyte)(random.Next(2) == 0 ? -1 : 1),
        WeightEncoding.Ternary => (sbyte)(random.Next(3) - 1),
        _ => (sbyte)random.Next(Min, Max + 1),
    };

    /// <summary>"b1", "t2", or "s" and the bits, e.g. "s3": short enough for test names.</summary>
    public override string ToString() => Encoding switch
    {
        WeightEncoding.Binary => "b1",
        WeightEncoding.Ternary => "t2",
        _ => "s" + Bits,
    };
}
