namespace LowBit.Manifest;

/// <summary>How integer weights are coded in their packed bits.</summary>
public enum WeightEncoding
{
    /// <summary>1 bit: code 0 means −1, code 1 means +1.</summary>
    Binary,

    /// <summary>2 bits, two's complement, values −1, 0, +1 only (code 0b10 is invalid).</summary>
    Ternary,

    /// <summary>2 to 8 bits, two's complement: −2^(bits−1) … 2^(bits−1) − 1.</summary>
    Signed,
}
