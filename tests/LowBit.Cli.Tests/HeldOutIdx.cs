using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using LowBit.Data;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

/// <summary>The first bundled held-out digits as an uncompressed IDX image and label file pair, for eval's --images/--labels.</summary>
internal static class HeldOutIdx
{
    public static (string Images, string Labels) Write(TemporaryDirectory directory, int count)
    {
        var test = BundledMnist.Split().Test;
        var images = directory.File("images.idx");
        var labels = directory.File("labels.idx");
        using (var writer = new BinaryWriter(File.Create(images)))
        {
            WriteBigEndian(writer, 0x00000803, count, MnistDataset.ImageHeight, MnistDataset.ImageWidth);
            for (int i = 0; i < count; i++)
            {
                writer.Write(test.GetImage(i).ToArray().Select(v => (byte)Math.Round(v * 255)).ToArray());
            }
        }

        using (var writer = new BinaryWriter(File.Create(labels)))
        {
            WriteBigEndian(writer, 0x00000801, count);
            writer.Write(Enumerable.Range(0, count).Select(i => (byte)test.GetLabel(i)).ToArray());
        }

        return (images, labels);
    }

    private static void WriteBigEndian(BinaryWriter writer, params int[] values)
    {
        foreach (var value in values)
        {
            writer.Write(BinaryPrimitives.ReverseEndianness(value));
        }
    }
}
