namespace LowBit.Generators;

/// <summary>
/// A depthwise conv2d (one filter per channel, integer output) lowered to LowBitGemm.DepthwiseBlock: channels
/// in vector lanes, 16 per block, windows read in place (<see cref="WindowGeometry"/>), the vector epilogue.
/// </summary>
internal sealed class DepthwisePlan
{
    public WindowGeometry Geometry { get; set; } = new();

    public int Rows { get; set; }

    public int Columns { get; set; }

    public int Channels { get; set; }

    /// <summary>Channels rounded up to the 16 of a block: the weights' row length.</summary>
    public int PaddedChannels => (Channels + 15) / 16 * 16;

    public int Blocks => PaddedChannels / 16;

    /// <summary>[tap = ky·columns + kx][padded channel] int8, zero beyond the channels.</summary>
    public sbyte[] Weights { get; set; } = System.Array.Empty<sbyte>();

    /// <summary>Whether every channel's window sum provably fits int16 for any activations (then the kernel sums in int16).</summary>
    public bool Int16Sums { get; set; }

    public VectorRequantization Requantization { get; set; } = new();
}
