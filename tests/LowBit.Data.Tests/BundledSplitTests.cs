using System;
using System.Collections.Generic;

namespace LowBit.Data.Tests;

public class BundledSplitTests
{
    // Every 5th sample of the label-sorted bundle, counted per class.
    private static readonly int[] ExpectedTestPerClass = { 200, 225, 198, 207, 196, 172, 203, 214, 189, 196 };

    private static readonly MnistDataset Bundled = MnistDataset.LoadBundled();
    private static readonly MnistSplit Split = BundledMnist.Split();

    [Fact]
    public void Splits_into_8000_train_and_2000_test()
    {
        Assert.Equal(8000, Split.Train.Count);
        Assert.Equal(2000, Split.Test.Count);
        Assert.Equal(BundledMnist.TrainCount, Split.Train.Count);
        Assert.Equal(BundledMnist.TestCount, Split.Test.Count);
    }

    [Fact]
    public void Test_set_is_every_fifth_bundled_sample_and_train_is_the_rest_in_order()
    {
        int train = 0;
        int test = 0;
        for (int i = 0; i < Bundled.Count; i++)
        {
            bool isTest = i % 5 == 4;
            Assert.Equal(isTest, BundledMnist.IsTestSample(i));
            MnistDataset part = isTest ? Split.Test : Split.Train;
            int j = isTest ? test++ : train++;
            Assert.True(Bundled.GetImage(i).SequenceEqual(part.GetImage(j)), $"bundled sample {i} differs from its split copy");
            Assert.Equal(Bundled.GetLabel(i), part.GetLabel(j));
        }
    }

    [Fact]
    public void Train_and_test_share_no_image()
    {
        var trainImages = new HashSet<string>();
        for (int i = 0; i < Split.Train.Count; i++)
        {
            trainImages.Add(PixelBytes.Sha256(Split.Train.GetImage(i)));
        }

        Assert.Equal(Split.Train.Count, trainImages.Count);
        for (int i = 0; i < Split.Test.Count; i++)
        {
            Assert.DoesNotContain(PixelBytes.Sha256(Split.Test.GetImage(i)), trainImages);
        }
    }

    [Fact]
    public void Every_class_puts_a_fifth_of_its_samples_in_test()
    {
        int[] test = Split.Test.CountPerClass();
        int[] train = Split.Train.CountPerClass();
        Assert.Equal(ExpectedTestPerClass, test);
        for (int digit = 0; digit < MnistDataset.ClassCount; digit++)
        {
            int total = BundledMnistTests.ExpectedCountPerClass[digit];
            Assert.Equal(total, train[digit] + test[digit]);
            Assert.InRange(test[digit], total / 5, (total / 5) + 1);
        }
    }

    [Fact]
    public void Is_identical_on_every_call()
    {
        MnistSplit again = BundledMnist.Split();
        Assert.True(Split.Train.Pixels.SequenceEqual(again.Train.Pixels));
        Assert.True(Split.Train.Labels.SequenceEqual(again.Train.Labels));
        Assert.True(Split.Test.Pixels.SequenceEqual(again.Test.Pixels));
        Assert.True(Split.Test.Labels.SequenceEqual(again.Test.Labels));
        Assert.Equal(31095L, PixelBytes.Sum(Split.Train.GetImage(0)));
        Assert.Equal(PixelBytes.Sum(Bundled.GetImage(4)), PixelBytes.Sum(Split.Test.GetImage(0)));
    }
}
