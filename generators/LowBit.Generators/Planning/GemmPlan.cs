namespace LowBit.Generators;

/// <summary>
/// A conv2d (groups = 1) or linear layer lowered to LowBitGemm microkernels: weights packed per block of
/// 16 output channels as [window row][k-group of 4][channel][4], the window addressed directly in the input
/// (or in a zero-point-padded copy of it, see <see cref="WindowGeometry"/>), and the requantization data of the chosen epilogue.
/// </summary>
internal sealed class GemmPlan
{
    public const int BlockChannels = 16;

    /// <summary>Where each call's windows are in the input.</summary>
    public WindowGeometry Geometry { get; set; } = new();

    /// <summary>Window rows: the kernel height for a conv, 1 for a linear layer.</summary>
    public int Rows { get; set; }

    /// <summary>Contiguous input bytes per window row (kernel width × input channels), read in k-groups of 4.</summary>
    public int RowBytes { get; set; }

    public int Quads => (RowBytes + 3) / 4;

    public int Blocks { get; set; }

    public int OutChannels { get; set; }

    /// <summary>[block][row][quad][16 channels][4] int8.</summary>
    public sbyte[] Weights { get; set; } = System.Array.Empty<sbyte>();

    public int BlockWeightBytes => Rows * Quads * BlockChannels * 4;

    /// <summary>k-groups an int16 lane absorbs exactly (from the real weights), 0 when int16 accumulation is not exact.</summary>
    public int QuadsPerWiden { get; set; }

    /// <summary>
    /// For 8-bit activations, 128 · Σw per channel ([block][16]): ARM SDOT takes activations − 128 as signed bytes
    /// and the kernel adds this back. Null for ≤ 7-bit activations, which are valid signed bytes as they are.
    /// </summary>
    public int[]? SignedShift { get; set; }

    /// <summary>Null for a float-output layer, which takes raw accumulators.</summary>
    public VectorRequantization? Requantization { get; set; }

    public EpilogueMode Mode => Requantization?.Mode ?? EpilogueMode.Raw;

    /// <summary>Ints of raw accumulators per call in <see cref="EpilogueMode.Raw"/> mode.</summary>
    public int RawLength => Mode == EpilogueMode.Raw ? Geometry.PixelsPerCall * BlockChannels : 0;

    /// <summary>The layer on bits when its activations have two levels and its weights are ±1, else null.</summary>
    public BinaryGemmPlan? Binary { get; set; }

}
