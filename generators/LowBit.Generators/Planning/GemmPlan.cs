namespace LowBit.Generators;

/// <summary>How the requantization epilogue of a GEMM layer turns accumulators into levels (values of LowBitGemm's mode constants).</summary>
internal enum GemmEpilogue
{
    /// <summary>Vector compares against ≤ 15 thresholds per channel.</summary>
    Thresholds = 0,

    /// <summary>A closed form proved exact at generation time (<see cref="AffineRequantization"/>).</summary>
    Affine = 1,

    /// <summary>Raw int32 sums, requantized afterwards: float outputs, and more than 15 thresholds with no closed form.</summary>
    Raw = 2,
}

/// <summary>
/// A conv2d (groups = 1) or linear layer lowered to LowBitGemm microkernels: weights packed per block of
/// 16 output channels as [window row][k-group of 4][channel][4], the window addressed directly in the input
/// (or in a zero-point-padded copy of it), and the requantization data of the chosen epilogue.
/// </summary>
internal sealed class GemmPlan
{
    public const int BlockChannels = 16;

    /// <summary>Window rows: the kernel height for a conv, 1 for a linear layer.</summary>
    public int Rows { get; set; }

    /// <summary>Contiguous input bytes per window row (kernel width × input channels), read in k-groups of 4.</summary>
    public int RowBytes { get; set; }

    public int Quads => (RowBytes + 3) / 4;

    public int Blocks { get; set; }

    public int OutChannels { get; set; }

    /// <summary>Bytes between the windows of consecutive output pixels in one call.</summary>
    public int PixelStride { get; set; }

    /// <summary>Bytes between window rows in the (possibly padded) input.</summary>
    public int RowStride { get; set; }

    /// <summary>Output pixels per kernel call: a whole output row, or every pixel when rows are contiguous.</summary>
    public int PixelsPerCall { get; set; }

    /// <summary>Kernel calls (output rows, or 1).</summary>
    public int Calls { get; set; }

    /// <summary>Input bytes between consecutive calls.</summary>
    public int InputStepPerCall { get; set; }

    /// <summary>Whether the input is first copied into a buffer with a border of the padding level.</summary>
    public bool CopiesPadded { get; set; }

    public int PaddedHeight { get; set; }

    public int PaddedWidth { get; set; }

    /// <summary>Bytes of the padded copy (0 when the layer reads its input directly).</summary>
    public int PaddedLength => CopiesPadded ? PaddedHeight * PaddedWidth * InChannels : 0;

    public int InChannels { get; set; }

    /// <summary>[block][row][quad][16 channels][4] int8.</summary>
    public sbyte[] Weights { get; set; } = System.Array.Empty<sbyte>();

    public int BlockWeightBytes => Rows * Quads * BlockChannels * 4;

    /// <summary>k-groups an int16 lane absorbs exactly (from the real weights), 0 when int16 accumulation is not exact.</summary>
    public int QuadsPerWiden { get; set; }

    public GemmEpilogue Epilogue { get; set; }

    /// <summary>Thresholds epilogue: [block][threshold][16] as T − 1 (or int.MinValue / MaxValue for always / never).</summary>
    public int[] VectorThresholds { get; set; } = System.Array.Empty<int>();

    /// <summary>Thresholds epilogue: −1 per negated channel, 0 otherwise ([block][16]); null when none is negated.</summary>
    public int[]? SignMasks { get; set; }

    /// <summary>Affine epilogue: per channel ([block][16]), the sign folded in.</summary>
    public double[] Scales { get; set; } = System.Array.Empty<double>();

    public double[] Offsets { get; set; } = System.Array.Empty<double>();

    /// <summary>Thresholds per channel (2^bits − 1), or the largest level in the affine epilogue.</summary>
    public int ThresholdCount { get; set; }

    /// <summary>Ints of raw accumulators per call in <see cref="GemmEpilogue.Raw"/> mode.</summary>
    public int RawLength => Epilogue == GemmEpilogue.Raw ? PixelsPerCall * BlockChannels : 0;

    /// <summary>Bytes a kernel may read past the last window: up to 3 extra pixels of a tile and a 16-byte load.</summary>
    public int ReadSlack => (3 * PixelStride) + 64;
}
