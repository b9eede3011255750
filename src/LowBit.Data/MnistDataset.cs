using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LowBit.Data;

/// <summary>
/// MNIST digits: each sample is a 1×28×28 image, row-major, pixels normalised to [0, 1]
/// (byte / 255), and a label 0..9. All images live in one contiguous array so a batch or the
/// whole set can be handed to a model without copying.
/// </summary>
public sealed class MnistDataset
{
    public const int ImageHeight = 28;
    public const int ImageWidth = 28;
    public const int PixelsPerImage = ImageHeight * ImageWidth;
    public const int ClassCount = 10;

    private readonly float[] _pixels;
    private readonly byte[] _labels;

    private MnistDataset(float[] pixels, byte[] labels)
    {
        _pixels = pixels;
        _labels = labels;
    }

    public int Count => _labels.Length;

    /// <summary>All images back to back: sample i occupies [i × 784, (i + 1) × 784).</summary>
    public ReadOnlySpan<float> Pixels => _pixels;

    public ReadOnlySpan<byte> Labels => _labels;

    public ReadOnlySpan<float> GetImage(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);
    }

    public int GetLabel(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _labels[index];
    }

    /// <summary>How many samples carry each label; element d counts digit d.</summary>
    public int[] CountPerClass()
    {
        var counts = new int[ClassCount];
        foreach (byte label in _labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>A new dataset holding copies of the given samples, in the given order.</summary>
    public MnistDataset Select(IReadOnlyList<int> indices)
    {
        var pixels = new float[indices.Count * PixelsPerImage];
        var labels = new byte[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            GetImage(indices[i]).CopyTo(pixels.AsSpan(i * PixelsPerImage, PixelsPerImage));
            labels[i] = _labels[indices[i]];
        }

        return new MnistDataset(pixels, labels);
    }

    /// <summary>
    /// <paramref name="count"/> samples evenly spaced through the dataset (sample i·Count/count), in order: the bundle is
    /// sorted by label, so its first samples are all zeros while evenly spaced ones cover every class.
    /// </summary>
    public MnistDataset EvenlySpaced(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        return Select(Enumerable.Range(0, count).Select(i => (int)((long)i * Count / count)).ToArray());
    }

    /// <summary>The 10,000 digits shipped inside this assembly; see <see cref="BundledMnist"/>.</summary>
    public static MnistDataset LoadBundled() => BundledMnist.Load();

    /// <summary>Loads standard MNIST IDX files (e.g. the full 60k/10k set), plain or .gz.</summary>
    public static MnistDataset LoadIdx(string imagesPath, string labelsPath)
    {
        IdxImages images = IdxReader.ReadImages(imagesPath);
        ReadOnlyMemory<byte> labels = IdxReader.ReadLabels(labelsPath);
        return FromIdx(images, imagesPath, labels, labelsPath);
    }

    /// <param name="imagesFileName">Names the images source in error messages.</param>
    /// <param name="labelsFileName">Names the labels source in error messages.</param>
    public static MnistDataset LoadIdx(Stream images, string imagesFileName, Stream labels, string labelsFileName)
    {
        IdxImages imageSet = IdxReader.ReadImages(images, imagesFileName);
        ReadOnlyMemory<byte> labelSet = IdxReader.ReadLabels(labels, labelsFileName);
        return FromIdx(imageSet, imagesFileName, labelSet, labelsFileName);
    }

    private static MnistDataset FromIdx(IdxImages images, string imagesFileName, ReadOnlyMemory<byte> labels, string labelsFileName)
    {
        if (images.Rows != ImageHeight)
        {
            throw new DatasetFormatException(imagesFileName, "row count", Text(ImageHeight), Text(images.Rows));
        }

        if (images.Columns != ImageWidth)
        {
            throw new DatasetFormatException(imagesFileName, "column count", Text(ImageWidth), Text(images.Columns));
        }

        if (labels.Length != images.Count)
        {
            throw new DatasetFormatException(labelsFileName, "label count", $"{images.Count} (the image count in {imagesFileName})", Text(labels.Length));
        }

        byte[] labelArray = labels.ToArray();
        for (int i = 0; i < labelArray.Length; i++)
        {
            if (labelArray[i] >= ClassCount)
            {
                throw new DatasetFormatException(labelsFileName, $"label value of sample {i}", $"0..{ClassCount - 1}", Text(labelArray[i]));
            }
        }

        return new MnistDataset(Normalize(images.Pixels.Span), labelArray);
    }

    private static float[] Normalize(ReadOnlySpan<byte> pixels)
    {
        var normalized = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            // Division rather than multiplying by 1/255 keeps 255 at exactly 1.0f.
            normalized[i] = pixels[i] / 255f;
        }

        return normalized;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
