using System;
using LowBit.Manifest;

namespace LowBit.Quantization.Quantizers;

/// <summary>The integer codes a weight quantizer uses in eval mode: every weight is <c>scale · code</c>
/// with <c>MinCode ≤ code ≤ MaxCode</c>. The contract has no weight zero point, so grids are symmetric
/// or two's complement.</summary>
public sealed record WeightGrid(int Bits, int MinCode, int MaxCode)
{
    /// <summary>±1 (1 bit).</summary>
    public static WeightGrid Binary => new(1, -1, 1);

    /// <summary>Two's complement: −2^(b−1) … 2^(b−1) − 1 (LSQ, DSQ).</summary>
    public static WeightGrid TwosComplement(int bits) => new(bits, -(1 << (bits - 1)), (1 << (bits - 1)) - 1);

    /// <summary>Symmetric without the most negative code: −(2^(b−1) − 1) … 2^(b−1) − 1 (DoReFa-style
    /// STE; at 2 bits this is ternary).</summary>
    public static WeightGrid Symmetric(int bits) => new(bits, -((1 << (bits - 1)) - 1), (1 << (bits - 1)) - 1);

    public WeightEncoding Encoding => Bits switch
    {
        1 => WeightEncoding.Binary,
        2 when MinCode == -1 && MaxCode == 1 => WeightEncoding.Ternary,
        _ => WeightEncoding.Signed,
    };

    public bool Contains(int code) => code >= MinCode && code <= MaxCode && (Bits != 1 || code != 0);

    internal static void CheckBits(int bits, string quantizer)
    {
        if (bits < 1 || bits > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"{quantizer}: bits must be 1 to 8");
        }
    }
}
