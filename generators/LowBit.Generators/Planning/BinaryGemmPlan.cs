namespace LowBit.Generators;

/// <summary>
/// A GEMM layer with 1-bit activations and ±1 weights, run on bits (LowBitGemm.BinaryBlock): the input packed
/// to one bit per level with its zero-point border, each window row read as 32-bit words, the weights as one bit
/// per value with a mask per word for the bits past the row's end. Weights and masks are stored twice: whole
/// (ARM CNT and the scalar kernel count whole bytes) and split into their low and high nibbles (bits 0–3 and
/// 4–7 of each byte, both moved to 0–3), which the x64 kernels count four bits at a time with a 16-entry table.
/// </summary>
internal sealed class BinaryGemmPlan
{
    /// <summary>Where each call's windows are in the packed bit image (byte strides of the byte geometry ÷ 8).</summary>
    public WindowGeometry Geometry { get; set; } = new();

    public int Height { get; set; }

    public int Width { get; set; }

    public int Channels { get; set; }

    public int PadTop { get; set; }

    public int PadLeft { get; set; }

    public int PaddedHeight { get; set; }

    public int PaddedWidth { get; set; }

    /// <summary>The stored level of the padding, 0 or 1.</summary>
    public int PadBit { get; set; }

    /// <summary>Window rows (kernel height, 1 for a linear layer).</summary>
    public int Rows { get; set; }

    /// <summary>Bits per window row (kernel width × input channels, or the input features).</summary>
    public int RowBits { get; set; }

    /// <summary>32-bit words per window row, the last one masked to the row.</summary>
    public int Words => (RowBits + 31) / 32;

    public int Blocks { get; set; }

    public const uint LowNibbles = 0x0F0F0F0Fu;

    /// <summary>[block][row][word][channel 16] bit words: bit t of word j is [w = +1] for k = 32·j + t of the row, 0 past the row.</summary>
    public uint[] Weights { get; set; } = System.Array.Empty<uint>();

    public int BlockWords => Rows * Words * GemmPlan.BlockChannels;

    /// <summary>
    /// The same words split for the x64 nibble kernels, [block][row][word][low, high][channel 16]: the low nibbles
    /// (word AND 0x0F0F0F0F), then the high nibbles ((word &gt;&gt; 4) AND 0x0F0F0F0F).
    /// </summary>
    public uint[] WeightNibbles { get; set; } = System.Array.Empty<uint>();

    public int BlockNibbleWords => 2 * BlockWords;

    /// <summary>[word]: the bits of the word that belong to the window row.</summary>
    public uint[] Masks { get; set; } = System.Array.Empty<uint>();

    /// <summary>[word][low, high]: the masks split into nibbles like the weights.</summary>
    public uint[] MaskNibbles { get; set; } = System.Array.Empty<uint>();

    /// <summary>[block][channel 16]: the number of +1 weights, n₊ in Σ w·a = n₊ − popcount((a XOR b) AND m).</summary>
    public int[] Positives { get; set; } = System.Array.Empty<int>();

    public int ImageBytes => PaddedHeight * PaddedWidth * Channels / 8;

    /// <summary>Where the nibble-shifted copy starts: past the image and what a partial tile's extra pixels and the last word read.</summary>
    public int HighOffset => RoundUp(ImageBytes + (7 * Geometry.PixelStride) + (4 * Words) + 64, 64);

    /// <summary>Bytes of the packed buffer: the image and its nibble-shifted copy, each with its read slack.</summary>
    public int BufferLength => 2 * HighOffset;

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
