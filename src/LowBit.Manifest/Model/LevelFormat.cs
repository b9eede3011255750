namespace LowBit.Manifest;

/// <summary>
/// How a tensor of integer activation levels is encoded: its bitwidth, whether levels are signed, and
/// which level stands for the real value zero (used as the padding value of convolutions).
/// </summary>
/// <param name="Bits">1 to 8.</param>
/// <param name="Signed">Unsigned levels are 0 … 2^bits − 1; signed are −2^(bits−1) … 2^(bits−1) − 1.</param>
/// <param name="ZeroPoint">The level that represents real 0; must lie in the level range.</param>
/// <param name="Scale">
/// Real value of one level step. Informational only: integer inference never reads it; tools that
/// dequantize (inspection, float export) do.
/// </param>
public sealed record LevelFormat(int Bits, bool Signed, int ZeroPoint, float Scale)
{
    public const int MinBits = 1;
    public const int MaxBits = 8;

    /// <summary>The smallest level.</summary>
    public int Min => Signed ? -(1 << (Bits - 1)) : 0;

    /// <summary>The largest level.</summary>
    public int Max => Signed ? (1 << (Bits - 1)) - 1 : (1 << Bits) - 1;

    /// <summary>How many levels there are: 2^bits.</summary>
    public int LevelCount => 1 << Bits;

    /// <summary>The largest magnitude a level can have, for accumulator bounds.</summary>
    public int MaxMagnitude => System.Math.Max(System.Math.Abs(Min), System.Math.Abs(Max));

    public override string ToString() => $"{(Signed ? "s" : "u")}{Bits}";
}
