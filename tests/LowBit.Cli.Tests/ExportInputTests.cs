using System.IO;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

/// <summary>What <c>export</c> makes of its input and where it writes by default.</summary>
public sealed class ExportInputTests
{
    private static string TrainedModel => RepositoryPaths.Combine("examples/MnistApp/models/mnist_w2a2.lbq");

    [Fact]
    public void Each_onnx_flavor_gets_its_own_default_file()
    {
        using var directory = new TemporaryDirectory();
        var model = directory.File("digits.lbq");
        File.Copy(TrainedModel, model);

        var exact = CliRunner.Run("export", model, "--onnx");
        var qdq = CliRunner.Run("export", model, "--onnx", "--flavor", "qdq");

        Assert.True(exact.ExitCode == 0 && qdq.ExitCode == 0, exact.Error + qdq.Error);
        Assert.StartsWith($"exported {directory.File("digits.exact.onnx")} (", exact.Output);
        Assert.StartsWith($"exported {directory.File("digits.qdq.onnx")} (", qdq.Output);
        Assert.NotEqual(File.ReadAllBytes(directory.File("digits.exact.onnx")), File.ReadAllBytes(directory.File("digits.qdq.onnx")));
    }

    [Fact]
    public void A_manifest_is_recognised_by_its_content_whatever_its_extension()
    {
        using var directory = new TemporaryDirectory();
        var model = directory.File("digits.pt");
        File.Copy(TrainedModel, model);

        var manifest = CliRunner.Run("export", model);
        var onnx = CliRunner.Run("export", model, "--onnx", "--out", directory.File("digits.onnx"));

        Assert.Equal($"error: {model}: already a manifest; add --onnx to write it as an ONNX model", Assert.Single(manifest.ErrorLines));
        Assert.True(onnx.ExitCode == 0, onnx.Error);
    }

    [Fact]
    public void A_checkpoint_named_lbq_is_treated_as_a_checkpoint()
    {
        using var directory = new TemporaryDirectory();
        var checkpoint = directory.File("digits.lbq");
        File.WriteAllBytes(checkpoint, new byte[] { 0x05, 0x00, 0x01, 0x02 });

        var result = CliRunner.Run("export", checkpoint, "--onnx");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("a checkpoint is two files", Assert.Single(result.ErrorLines));
    }
}
