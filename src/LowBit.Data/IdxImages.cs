using System;

namespace LowBit.Data;

/// <summary>
/// The contents of an idx3-ubyte file: <see cref="Count"/> images of
/// <see cref="Rows"/> × <see cref="Columns"/> bytes, stored row-major, image after image.
/// </summary>
public sealed class IdxImages
{
    public IdxImages(int count, int rows, int columns, ReadOnlyMemory<byte> pixels)
    {
        if ((long)count * rows * columns != pixels.Length)
        {
            throw new ArgumentException($"{count} × {rows} × {columns} images need {(long)count * rows * columns} bytes, got {pixels.Length}.", nameof(pixels));
        }

        Count = count;
        Rows = rows;
        Columns = columns;
        Pixels = pixels;
    }

    public int Count { get; }

    public int Rows { get; }

    public int Columns { get; }

    public int PixelsPerImage => Rows * Columns;

    public ReadOnlyMemory<byte> Pixels { get; }

    public ReadOnlySpan<byte> GetImage(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.Span.Slice(index * PixelsPerImage, PixelsPerImage);
    }
}
