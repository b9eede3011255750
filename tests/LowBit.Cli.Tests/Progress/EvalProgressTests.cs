using System;
using System.IO;
using System.Linq;
using LowBit.Data;
using LowBit.TestModels;

namespace LowBit.Cli.Tests.Progress;

/// <summary><c>lowbit eval</c> on a real (pseudo-)terminal: a live bar while it works, then only the summary.</summary>
public sealed class EvalProgressTests : IDisposable
{
    private const int Images = 40;

    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void A_terminal_sees_the_bar_move_and_then_the_summary_alone()
    {
        var (images, labels) = WriteHeldOutIdx(Images);
        var model = RepositoryPaths.Combine("examples/MnistApp/models/mnist_w2a2.lbq");

        var received = PseudoTerminal.RunLowbit("eval", model, "--images", images, "--labels", labels);

        // While running: the bar was drawn in place (carriage return, no newline) and reached the end.
        Assert.Contains("\reval [", received);
        Assert.Contains($"] {Images}/{Images} · accuracy ", received);
        Assert.Matches(@"\d+ img/s · ETA \d+:\d\d", received);

        // At the end: the bar is gone and the summary stands on its own lines.
        var screen = TerminalScreen.Render(received);
        Assert.Equal(4, screen.Count);
        Assert.Matches(@"^model: \w+ \(", screen[0]);
        Assert.EndsWith($"({model})", screen[0]);
        Assert.StartsWith("data: ", screen[1]);
        Assert.StartsWith("accuracy: ", screen[2]);
        Assert.DoesNotContain(screen, line => line.Contains('[') && line.Contains("img/s"));
    }

    [Fact]
    public void Redirected_output_has_no_bar()
    {
        var (images, labels) = WriteHeldOutIdx(5);

        var result = CliRunner.Run("eval", RepositoryPaths.Combine("examples/MnistApp/models/mnist_w2a2.lbq"), "--images", images, "--labels", labels);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("\r", result.Output);
        Assert.DoesNotContain("\u001b", result.Output);
        Assert.Equal(4, result.OutputLines.Length);
    }

    /// <summary>The first held-out digits as an uncompressed IDX image and label file pair.</summary>
    private (string Images, string Labels) WriteHeldOutIdx(int count)
    {
        var test = BundledMnist.Split().Test;
        var images = _directory.File("images.idx");
        var labels = _directory.File("labels.idx");
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
            writer.Write(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value));
        }
    }

    public void Dispose() => _directory.Dispose();
}
