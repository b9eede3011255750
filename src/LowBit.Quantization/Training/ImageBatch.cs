using System;
using LowBit.Data;
using static TorchSharp.torch;

namespace LowBit.Quantization.Training;

/// <summary>A labelled image set as two tensors: images [N, 1, 28, 28] float32 in [0, 1], labels [N] int64.</summary>
public sealed class ImageBatch : IDisposable
{
    public ImageBatch(Tensor images, Tensor labels)
    {
        Images = images;
        Labels = labels;
    }

    public Tensor Images { get; }

    public Tensor Labels { get; }

    public long Count => Labels.shape[0];

    public static ImageBatch FromMnist(MnistDataset data)
    {
        var pixels = data.Pixels.ToArray();
        var labels = new long[data.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = data.GetLabel(i);
        }

        var images = tensor(pixels, new long[] { data.Count, 1, MnistDataset.ImageHeight, MnistDataset.ImageWidth });
        return new ImageBatch(images.DetachFromDisposeScope(), tensor(labels).DetachFromDisposeScope());
    }

    /// <summary>
    /// <paramref name="count"/> images spread evenly over the set (every (N/count)-th, in order). The bundled
    /// digits are sorted by label, so the first images would all be zeros; evenly spaced ones keep every
    /// class in its proportion. The set itself when <paramref name="count"/> is at least its size.
    /// </summary>
    public ImageBatch EvenlySpaced(long count)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "a subset needs at least one image");
        }

        count = Math.Min(count, Count);
        var indices = new long[count];
        for (long i = 0; i < count; i++)
        {
            indices[i] = i * Count / count;
        }

        using var index = tensor(indices);
        return new ImageBatch(Images.index_select(0, index), Labels.index_select(0, index));
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
