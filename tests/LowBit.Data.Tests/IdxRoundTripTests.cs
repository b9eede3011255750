using System;
using System.IO;

namespace LowBit.Data.Tests;

public class IdxRoundTripTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Written_mnist_files_load_back_with_the_same_pixels_and_labels(bool gzipped)
    {
        using var dir = new TempDirectory();
        byte[] pixels = IdxTestFiles.PatternPixels(3, 784);
        byte[] labels = { 7, 0, 9 };
        string imagesPath = Write(dir, "images", IdxTestFiles.Images(3, 28, 28, pixels), gzipped);
        string labelsPath = Write(dir, "labels", IdxTestFiles.Labels(labels), gzipped);

        MnistDataset dataset = MnistDataset.LoadIdx(imagesPath, labelsPath);

        Assert.Equal(3, dataset.Count);
        Assert.Equal(labels, dataset.Labels.ToArray());
        for (int i = 0; i < pixels.Length; i++)
        {
            Assert.Equal(pixels[i] / 255f, dataset.Pixels[i]);
        }

        Assert.Equal(pixels.AsSpan(784, 784).ToArray(), PixelBytes.FromNormalized(dataset.GetImage(1)));
    }

    [Fact]
    public void Gzip_is_detected_by_magic_bytes_not_by_file_name()
    {
        using var dir = new TempDirectory();
        byte[] pixels = IdxTestFiles.PatternPixels(2, 784);
        string imagesPath = dir.File("images.idx3-ubyte");
        string labelsPath = dir.File("labels.gz");
        File.WriteAllBytes(imagesPath, IdxTestFiles.Gzip(IdxTestFiles.Images(2, 28, 28, pixels)));
        File.WriteAllBytes(labelsPath, IdxTestFiles.Labels(new byte[] { 3, 4 }));

        MnistDataset dataset = MnistDataset.LoadIdx(imagesPath, labelsPath);

        Assert.Equal(new byte[] { 3, 4 }, dataset.Labels.ToArray());
        Assert.Equal(pixels, PixelBytes.FromNormalized(dataset.Pixels));
    }

    [Fact]
    public void Reader_keeps_any_image_size_and_reports_it()
    {
        byte[] pixels = IdxTestFiles.PatternPixels(2, 5 * 4);
        using var stream = new MemoryStream(IdxTestFiles.Gzip(IdxTestFiles.Images(2, 5, 4, pixels)));

        IdxImages images = IdxReader.ReadImages(stream, "small.gz");

        Assert.Equal(2, images.Count);
        Assert.Equal(5, images.Rows);
        Assert.Equal(4, images.Columns);
        Assert.Equal(pixels.AsSpan(20, 20).ToArray(), images.GetImage(1).ToArray());
    }

    [Fact]
    public void Non_seekable_streams_are_read()
    {
        byte[] labels = { 1, 2, 3, 9 };
        using var stream = new ForwardOnlyStream(IdxTestFiles.Gzip(IdxTestFiles.Labels(labels)));

        Assert.Equal(labels, IdxReader.ReadLabels(stream, "pipe").ToArray());
    }

    private static string Write(TempDirectory dir, string name, byte[] content, bool gzipped)
    {
        string path = dir.File(gzipped ? name + ".gz" : name);
        File.WriteAllBytes(path, gzipped ? IdxTestFiles.Gzip(content) : content);
        return path;
    }
}
