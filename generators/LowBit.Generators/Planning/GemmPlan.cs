namespace LowBit.Generators;

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

    /// <summary>Null for a float-output layer, which takes raw accumulators.</summary>
    public VectorRequantization? Requantization { get; set; }

    public EpilogueMode Mode => Requantization?.Mode ?? EpilogueMode.Raw;

    /// <summary>Ints of raw accumulators per call in <see cref="EpilogueMode.Raw"/> mode.</summary>
    public int RawLength => Mode == EpilogueMode.Raw ? PixelsPerCall * BlockChannels : 0;

    /// <summary>Bytes a kernel may read past the last window: up to 3 extra pixels of a tile and a 16-byte load.</summary>
    public int ReadSlack => (3 * PixelStride) + 64;
}
