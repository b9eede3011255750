using System.IO;
using System.Linq;
using LowBit.Data;
using LowBit.Runtime;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

public sealed class EvalCommandTests
{
    private static string TrainedModel => RepositoryPaths.Combine("examples/MnistApp/models/mnist_w2a2.lbq");

    [Fact]
    public void Reports_the_interpreters_accuracy_on_the_bundled_held_out_digits()
    {
        var interpreter = ReferenceInterpreter.Load(TrainedModel);
        var test = BundledMnist.Split().Test;
        var correct = Enumerable.Range(0, test.Count).Count(i => interpreter.Classify(test.GetImage(i)) == test.GetLabel(i));

        var result = CliRunner.Run("eval", TrainedModel, "--interpreter");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("data: bundled MNIST, held-out split, 2,000 images", result.Output);
        Assert.Contains($"accuracy: {correct * 100.0 / test.Count:F2} % ({correct} correct)", result.Output);
        Assert.Matches(@"reference interpreter: \d+ µs per image", result.Output);
    }

    [Fact]
    public void Images_without_labels_is_one_clear_error()
    {
        var result = CliRunner.Run("eval", TrainedModel, "--images", "t10k-images-idx3-ubyte.gz");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --images and --labels go together: give both IDX files, or neither for the bundled held-out digits", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_model_whose_input_is_not_a_28_by_28_image_is_refused_naming_the_file()
    {
        var model = RepositoryPaths.Combine("tests/LowBit.BitExact/Models/all-ops.mixed.lbq");

        var result = CliRunner.Run("eval", model);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {model}: input: expected 784 values", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_broken_idx_file_is_reported_with_its_name()
    {
        using var directory = new TemporaryDirectory();
        var images = directory.File("images.idx3");
        var labels = directory.File("labels.idx1");
        File.WriteAllBytes(images, new byte[] { 0, 0, 8, 3, 0, 0 });
        File.WriteAllBytes(labels, new byte[] { 0, 0, 8, 1, 0, 0, 0, 0 });

        var result = CliRunner.Run("eval", TrainedModel, "--images", images, "--labels", labels);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("images.idx3", Assert.Single(result.ErrorLines));
    }
}
