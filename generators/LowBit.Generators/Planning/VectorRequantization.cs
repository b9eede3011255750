namespace LowBit.Generators;

/// <summary>How an epilogue turns int32 accumulators into levels (the values of LowBitGemm's mode constants).</summary>
internal enum EpilogueMode
{
    /// <summary>Vector compares against ≤ 15 thresholds per channel.</summary>
    Thresholds = 0,

    /// <summary>A closed form proved exact at generation time (<see cref="AffineRequantization"/>).</summary>
    Affine = 1,

    /// <summary>Raw int32 sums, requantized afterwards: float outputs, and more than 15 thresholds with no closed form.</summary>
    Raw = 2,
}

/// <summary>
/// Requantization data laid out for the vector epilogue, per block of 16 channels: what a GEMM layer or a
/// residual add hands to LowBitGemm with its accumulators.
/// </summary>
internal sealed class VectorRequantization
{
    public const int BlockChannels = 16;

    public EpilogueMode Mode { get; set; }

    public int Blocks { get; set; }

    /// <summary>Thresholds per channel (2^bits − 1); in the affine mode the largest level.</summary>
    public int ThresholdCount { get; set; }

    /// <summary>Thresholds mode: [block][threshold][16] as T − 1 (or int.MinValue / MaxValue for always / never).</summary>
    public int[] Thresholds { get; set; } = System.Array.Empty<int>();

    /// <summary>
    /// Thresholds mode, when every channel's accumulator lies within ±32767: <see cref="Thresholds"/> clamped to int16,
    /// so a 128-bit epilogue narrows the accumulators and compares 8 channels per instruction. Exact: with
    /// |x| ≤ 32767, x &gt; t equals x &gt; clamp(t, −32768, 32767). Null otherwise.
    /// </summary>
    public short[]? Thresholds16 { get; set; }

    /// <summary>Thresholds mode: −1 per negated channel, 0 otherwise ([block][16]); null when none is negated.</summary>
    public int[]? SignMasks { get; set; }

    /// <summary>Affine mode: per channel ([block][16]), the sign folded in.</summary>
    public double[] Scales { get; set; } = System.Array.Empty<double>();

    public double[] Offsets { get; set; } = System.Array.Empty<double>();

    public string Describe() => Mode switch
    {
        EpilogueMode.Affine => "closed-form requantization (float64, proved against the thresholds)",
        EpilogueMode.Thresholds => $"{ThresholdCount} vector threshold compares",
        _ => "binary search in the thresholds (no closed form is exact)",
    };
}
