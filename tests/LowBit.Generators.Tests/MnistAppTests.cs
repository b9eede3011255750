using System.Text.RegularExpressions;
using LowBit.Data;
using LowBit.Runtime;
using LowBit.TestModels;

namespace LowBit.Generators.Tests;

/// <summary>The example app builds with the trained MNIST manifest as a &lt;LowBitModel&gt;, and the generated
/// code classifies the held-out digits exactly as the reference interpreter does.</summary>
public sealed class MnistAppTests
{
    private const string App = "examples/MnistApp";

    [Fact]
    [Trait("Category", "Example")]
    public void TheGeneratedModelScoresExactlyAsTheInterpreter()
    {
        var interpreter = ReferenceInterpreter.Load(RepositoryPaths.Combine(App + "/models/mnist_w2a2.lbq"));
        var test = BundledMnist.Split().Test;
        var expected = 0;
        for (var i = 0; i < test.Count; i++)
        {
            expected += interpreter.Classify(test.GetImage(i)) == test.GetLabel(i) ? 1 : 0;
        }

        using var temp = new TemporaryDirectory();
        var run = DotnetCli.Run(RepositoryPaths.Root, new[] { "run", "-c", "Release", "--project", App, "--artifacts-path", temp.File("artifacts") });

        Assert.True(run.ExitCode == 0, $"dotnet run of {App} failed:\n{run.Output}");
        var accuracy = Regex.Match(run.Output, @"accuracy: [\d.]+ % on 2000 held-out digits \((\d+) correct\)");
        Assert.True(accuracy.Success, $"no accuracy line in:\n{run.Output}");
        Assert.Equal(expected, int.Parse(accuracy.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Matches(@"speed: [\d.]+ µs per image", run.Output);
        Assert.Matches(@"cpu: .+ \((X64|Arm64)\); W2A2 kernel path: \w+", run.Output);
        Assert.True(expected > 1900, $"the committed model should classify > 95 % of the held-out digits, got {expected} of 2000");
    }
}
