using System.IO;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

/// <summary><c>lowbit train</c> end to end (one short epoch of DDQ, the fastest method), and its one-line errors.</summary>
public sealed class TrainCommandTests
{
    [Fact]
    public void Trains_exports_and_checks_a_model()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("digits.lbq");
        var checkpoint = directory.File("digits.pt");

        var result = CliRunner.Run("train", "--method", "ddq", "--bits", "W2A2,conv1=W4A4", "--epochs", "1", "--out", path, "--checkpoint", checkpoint);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("epoch 1/1: loss", result.Output);
        Assert.Contains("weight bits: conv1 4, conv2 2, fc1 2, fc2 2", result.Output);
        Assert.Contains("integer simulation bit-exact", result.Output);
        var manifest = ManifestReader.ReadFile(path);
        Assert.Equal("mnist_ddq_w2a2_conv1-w4a4", manifest.Name);

        // lowbit export rebuilds the model from the checkpoint and writes the same manifest.
        var exported = directory.File("again.lbq");
        var export = CliRunner.Run("export", checkpoint, "--out", exported);
        Assert.True(export.ExitCode == 0, export.Output + export.Error);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(exported));

        // ... and the same ONNX model as the manifest it wrote.
        var fromCheckpoint = directory.File("checkpoint.onnx");
        var fromManifest = directory.File("manifest.onnx");
        Assert.Equal(0, CliRunner.Run("export", checkpoint, "--onnx", "--out", fromCheckpoint).ExitCode);
        Assert.Equal(0, CliRunner.Run("export", path, "--onnx", "--out", fromManifest).ExitCode);
        Assert.Equal(File.ReadAllBytes(fromManifest), File.ReadAllBytes(fromCheckpoint));
    }

    [Fact]
    public void Fine_tunes_from_a_saved_float_network_and_refuses_another_architecture()
    {
        using var directory = new TemporaryDirectory();
        var float32 = directory.File("fp32.pt");
        var pretrain = CliRunner.Run("train", "--method", "fp32", "--epochs", "1", "--train-images", "1000", "--checkpoint", float32);
        Assert.True(pretrain.ExitCode == 0, pretrain.Output + pretrain.Error);

        var tuned = directory.File("tuned.pt");
        var result = CliRunner.Run("train", "--method", "dsq", "--bits", "W4A4", "--epochs", "1", "--train-images", "1000", "--start-from", float32, "--out", directory.File("tuned.lbq"), "--checkpoint", tuned);
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("integer simulation bit-exact", result.Output);

        var quantizedStart = CliRunner.Run("train", "--method", "dsq", "--epochs", "1", "--start-from", tuned, "--out", directory.File("never.lbq"));
        Assert.Equal(1, quantizedStart.ExitCode);
        Assert.Equal($"error: --start-from {tuned}: the checkpoint is a dsq network; fine-tuning starts from a float one (lowbit train --method fp32 --checkpoint <file>)", Assert.Single(quantizedStart.ErrorLines));

        var refused = CliRunner.Run("train", "--model", "resnet8", "--method", "dsq", "--epochs", "1", "--start-from", float32, "--out", directory.File("never.lbq"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"error: --start-from {float32}: the checkpoint is a mnist-cnn, not a resnet8", Assert.Single(refused.ErrorLines));
    }

    [Fact]
    public void Exporting_a_missing_checkpoint_names_what_is_missing()
    {
        var result = CliRunner.Run("export", "nowhere.pt");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: nowhere.pt: expected a checkpoint (written by lowbit train --checkpoint) or a manifest, found nothing at this path", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("--method", "nope", "unknown quantization method \"nope\"")]
    [InlineData("--bits", "W9A2", "\"W9A2\" is not a bitwidth")]
    [InlineData("--bits", "W2A2,conv9=W4A4", "names layer \"conv9\", which the model does not have")]
    [InlineData("--budget", "3", "a bit budget needs a method that learns its bitwidth (cpq, ddq); dsq keeps the planned bits")]
    public void Bad_options_are_one_clear_error(string option, string value, string expected)
    {
        var result = CliRunner.Run("train", option, value, "--epochs", "1", "--out", Path.Combine(Path.GetTempPath(), "never-written.lbq"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData(null, "W2A2")]
    [InlineData(4.0, "W8A4")]
    [InlineData(2.5, "W8A3")]
    public void Without_bits_a_budget_leaves_room_to_learn_up_to_8_weight_bits(double? budget, string expected)
    {
        // "--method ddq --budget 4" alone must not be capped by the W2A2 default, where a budget of 4 means nothing.
        Assert.Equal(expected, LowBit.Cli.Commands.TrainCommand.DefaultBits(budget));
    }
}
