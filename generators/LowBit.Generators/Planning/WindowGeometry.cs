using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>
/// Where a windowed layer's kernel calls find their windows: one call per output row (or one for all pixels
/// when output rows are contiguous in the input), pixel windows <see cref="PixelStride"/> apart, window rows
/// <see cref="RowStride"/> apart, read in place from the input or from a copy with a border of the padding level.
/// </summary>
internal sealed class WindowGeometry
{
    public bool CopiesPadded { get; set; }

    public int PaddedHeight { get; set; }

    public int PaddedWidth { get; set; }

    public int InChannels { get; set; }

    /// <summary>Bytes between the windows of consecutive output pixels in one call.</summary>
    public int PixelStride { get; set; }

    /// <summary>Bytes between window rows in the (possibly padded) input.</summary>
    public int RowStride { get; set; }

    /// <summary>Output pixels per kernel call: a whole output row, or every pixel when rows are contiguous.</summary>
    public int PixelsPerCall { get; set; } = 1;

    /// <summary>Kernel calls (output rows, or 1).</summary>
    public int Calls { get; set; } = 1;

    /// <summary>Input bytes between consecutive calls.</summary>
    public int InputStepPerCall { get; set; }

    /// <summary>Bytes of the padded copy (0 when the layer reads its input directly).</summary>
    public int PaddedLength => CopiesPadded ? PaddedHeight * PaddedWidth * InChannels : 0;

    /// <summary>Bytes a kernel may read past the last window: up to 7 extra pixels of a partial tile and a 16-byte load.</summary>
    public int ReadSlack => (7 * PixelStride) + 64;

    /// <summary>The geometry of a conv window over an HWC input.</summary>
    public static WindowGeometry ForConv(TensorLayout input, Window2d window, int outputHeight, int outputWidth)
    {
        var geometry = new WindowGeometry
        {
            InChannels = input.Channels,
            CopiesPadded = window.PadTop + window.PadBottom + window.PadLeft + window.PadRight > 0,
            PaddedHeight = input.Height + window.PadTop + window.PadBottom,
            PaddedWidth = input.Width + window.PadLeft + window.PadRight,
        };
        int sourceWidth = geometry.CopiesPadded ? geometry.PaddedWidth : input.Width;
        geometry.RowStride = sourceWidth * input.Channels;
        geometry.PixelStride = window.StrideWidth * input.Channels;
        bool contiguousRows = window.StrideHeight == 1 && window.StrideWidth * outputWidth == sourceWidth;
        geometry.PixelsPerCall = contiguousRows ? outputHeight * outputWidth : outputWidth;
        geometry.Calls = contiguousRows ? 1 : outputHeight;
        geometry.InputStepPerCall = window.StrideHeight * geometry.RowStride;
        return geometry;
    }
}
