using System.IO;
using System.Linq;
using LowBit.Data;
using LowBit.Onnx.Numpy;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

public sealed class DigitsCommandTests : System.IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void WritesTheHeldOutDigitsAndTheirLabelsAsNumpyArrays()
    {
        var images = Path.Combine(_directory.Path, "x.npy");
        var labels = Path.Combine(_directory.Path, "y.npy");

        var result = CliRunner.Run("digits", "-o", images, "--labels", labels, "--count", "3");

        Assert.Equal(0, result.ExitCode);
        var test = BundledMnist.Split().Test;
        var x = NpyFile.Read(images);
        Assert.Equal(new[] { 3, 1, 28, 28 }, x.Shape);
        var chosen = new[] { 0, 666, 1333 };
        Assert.Equal(chosen.SelectMany(i => test.GetImage(i).ToArray()).Select(p => (double)p), x.Values);
        var y = NpyFile.Read(labels);
        Assert.Equal(new[] { 3 }, y.Shape);
        Assert.Equal(chosen.Select(i => (double)test.Labels[i]), y.Values);
        Assert.Equal(3, y.Values.Distinct().Count());
    }

    [Fact]
    public void TheTrainingSplitIsTheDigitsTrainingUses()
    {
        var images = Path.Combine(_directory.Path, "train.npy");

        var result = CliRunner.Run("digits", "-o", images, "--split", "train", "--count", "2");

        Assert.Equal(0, result.ExitCode);
        var train = BundledMnist.Split().Train;
        Assert.Equal(new[] { 0, 4000 }.SelectMany(i => train.GetImage(i).ToArray()).Select(p => (double)p), NpyFile.Read(images).Values);
    }

    [Theory]
    [InlineData("--split", "validation", "error: --split validation: expected train, test or all.")]
    [InlineData("--count", "0", "error: --count 0: expected 1 to 2000, the digits in the test split.")]
    [InlineData("--count", "2001", "error: --count 2001: expected 1 to 2000, the digits in the test split.")]
    public void BadOptionsAreOneLineErrors(string option, string value, string expected)
    {
        var result = CliRunner.Run("digits", "-o", Path.Combine(_directory.Path, "x.npy"), option, value);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(expected, result.Error.Trim());
    }

    [Fact]
    public void AnUnwritablePathIsNamed()
    {
        var result = CliRunner.Run("digits", "-o", _directory.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal($"error: {_directory.Path}: cannot write: the path is a directory.", result.Error.Trim());
    }
}
