using System.IO;
using System.Text.RegularExpressions;
using LowBit.Manifest;
using LowBit.Onnx;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

/// <summary><c>lowbit export --onnx</c> on a manifest; the ONNX models themselves are checked against ONNX Runtime in LowBit.Onnx.Tests.</summary>
public sealed class OnnxExportCommandTests
{
    private static string TrainedModel => RepositoryPaths.Combine("examples/MnistApp/models/mnist_w2a2.lbq");

    [Theory]
    [InlineData(null, OnnxFlavor.Exact)]
    [InlineData("float", OnnxFlavor.Float)]
    [InlineData("QDQ", OnnxFlavor.Qdq)]
    public void Writes_the_exporters_model_for_a_manifest(string? flavorOption, OnnxFlavor flavor)
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("mnist.onnx");
        var args = flavorOption is null
            ? new[] { "export", TrainedModel, "--onnx", "--out", path }
            : new[] { "export", TrainedModel, "--onnx", "--flavor", flavorOption, "--out", path };

        var result = CliRunner.Run(args);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var expected = OnnxExporter.Export(ManifestReader.ReadFile(TrainedModel), flavor).ToByteArray();
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Contains($"ONNX opset 17, {flavor.ToString().ToLowerInvariant()}) from {TrainedModel}: input 'input' [batch, 1, 28, 28], output 'output'", result.Output);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void Qcdq_writes_the_level_grid_model_of_an_imported_manifest()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("tfc.onnx");
        var tfc = RepositoryPaths.Combine("tests/LowBit.BitExact/ImportedModels/tfc-w2a2.lbq");

        var result = CliRunner.Run("export", tfc, "--onnx", "--flavor", "qcdq", "--out", path);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Equal(OnnxExporter.Export(ManifestReader.ReadFile(tfc), OnnxFlavor.Qcdq).ToByteArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Qcdq_refuses_unequally_spaced_thresholds_in_one_line()
    {
        using var directory = new TemporaryDirectory();

        var result = CliRunner.Run("export", TrainedModel, "--onnx", "--flavor", "qcdq", "--out", directory.File("mnist.onnx"));

        Assert.Equal(1, result.ExitCode);
        // The thresholds themselves are whatever the committed example model learned; retraining changes them.
        Assert.Matches($@"^error: {Regex.Escape(TrainedModel)}: Layer 'act1' channel 0: thresholds \d+, \d+, \d+ are not equally spaced, so no linear requantization reproduces them\.$", Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(directory.File("mnist.onnx")));
    }

    [Theory]
    [InlineData("int4")]
    [InlineData("1")]
    [InlineData("exact,float")]
    public void An_unknown_flavor_is_one_clear_error(string flavor)
    {
        var result = CliRunner.Run("export", TrainedModel, "--onnx", "--flavor", flavor);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: --flavor: expected exact, float, qdq or qcdq, found '{flavor}'", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_flavor_without_onnx_says_what_to_add()
    {
        var result = CliRunner.Run("export", "digits.pt", "--flavor", "qdq");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --flavor applies to ONNX export: add --onnx", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_broken_manifest_is_reported_with_its_name()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("broken.lbq");
        File.WriteAllText(path, "{ \"format\": \"lowbit-manifest\" ");

        var result = CliRunner.Run("export", path, "--onnx");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: {path}", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_manifest_without_onnx_says_what_to_add()
    {
        var result = CliRunner.Run("export", TrainedModel);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: {TrainedModel}: already a manifest; add --onnx to write it as an ONNX model", Assert.Single(result.ErrorLines));
    }
}
