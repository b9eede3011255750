using System;
using System.IO;
using LowBit.Cli.Progress;
using LowBit.Quantization.Training;

namespace LowBit.Cli.Tests.Progress;

/// <summary>The live line on a terminal, and what a log gets instead.</summary>
public sealed class LiveProgressTests
{
    [Fact]
    public void On_a_terminal_the_bar_moves_within_the_epoch_and_the_summary_replaces_it()
    {
        var output = new StringWriter();
        var progress = new LiveProgress(output, terminal: true);

        progress.Update("epoch 1/2", 64, 8000, "img", TimeSpan.FromSeconds(1), "batch 1/125, loss 2.3000");
        var first = TerminalScreen.Render(output.ToString());
        progress.Update("epoch 1/2", 8000, 8000, "img", TimeSpan.FromSeconds(10), "batch 125/125, loss 0.5000");
        var last = TerminalScreen.Render(output.ToString());
        progress.Complete("  epoch 1/2: loss 0.5000, train 90.00 %");
        var done = TerminalScreen.Render(output.ToString());

        Assert.Equal(new[] { "epoch 1/2 [--------------------] 64/8000 · batch 1/125, loss 2.3000 · 64 img/s · ETA 2:04" }, first);
        Assert.Equal(new[] { "epoch 1/2 [####################] 8000/8000 · batch 125/125, loss 0.5000 · 800 img/s · ETA 0:00" }, last);
        Assert.Equal(new[] { "  epoch 1/2: loss 0.5000, train 90.00 %" }, done);
    }

    [Fact]
    public void Redirected_output_gets_only_the_summary_lines()
    {
        var output = new StringWriter();
        var progress = new LiveProgress(output, terminal: false);

        progress.Update("epoch 1/2", 64, 8000, "img", TimeSpan.FromSeconds(1));
        progress.Complete("  epoch 1/2: loss 0.5000");
        progress.Update("epoch 2/2", 64, 8000, "img", TimeSpan.FromSeconds(1));
        progress.Complete("  epoch 2/2: loss 0.4000");

        Assert.Equal("  epoch 1/2: loss 0.5000\n  epoch 2/2: loss 0.4000\n", output.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Redraws_are_throttled_but_the_last_item_is_always_drawn()
    {
        var output = new StringWriter();
        var progress = new LiveProgress(output, terminal: true);

        for (int i = 1; i <= 1000; i++)
        {
            progress.Update("eval", i, 1000, "img", TimeSpan.FromMilliseconds(i));
        }

        int redraws = output.ToString().Split('\r').Length - 1;
        Assert.InRange(redraws, 2, 10);
        Assert.StartsWith("eval [####################] 1000/1000", Assert.Single(TerminalScreen.Render(output.ToString())));
    }

    [Fact]
    public void Training_detail_names_the_batch_and_the_running_loss()
    {
        var batch = new BatchProgress(Epoch: 2, Epochs: 5, Batch: 45, Batches: 125, Samples: 2880, SampleCount: 8000, Loss: 0.43125, Elapsed: TimeSpan.FromSeconds(3));

        Assert.Equal("batch 45/125, loss 0.4313", EpochProgress.Detail(batch));
    }
}
