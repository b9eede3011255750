using System;
using System.Linq;
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
        var (images, labels) = HeldOutIdx.Write(_directory, Images);
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
        var (images, labels) = HeldOutIdx.Write(_directory, 5);

        var result = CliRunner.Run("eval", RepositoryPaths.Combine("examples/MnistApp/models/mnist_w2a2.lbq"), "--images", images, "--labels", labels);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("\r", result.Output);
        Assert.DoesNotContain("\u001b", result.Output);
        Assert.Equal(4, result.OutputLines.Length);
    }

    public void Dispose() => _directory.Dispose();
}
