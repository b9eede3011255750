using System.IO;
using System.Linq;
using LowBit.Onnx.Numpy;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

public sealed class ImportRunCommandTests : System.IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string Qonnx(string file) => RepositoryPaths.Combine("tests/models/third-party/qonnx/" + file);

    [Fact]
    public void ImportsTheFinnModelAndRunsItsInputToTheExpectedClasses()
    {
        var manifest = Path.Combine(_directory.Path, "finn.lbq");
        var scores = Path.Combine(_directory.Path, "scores.npy");

        var import = CliRunner.Run("import", Qonnx("finn_build_dataflow_tfc_w1a1.onnx"), "-o", manifest);
        var run = CliRunner.Run("run", manifest, "--input", Qonnx("finn_build_dataflow_input.npy"), "--output", scores);

        Assert.Equal(0, import.ExitCode);
        Assert.Contains(import.OutputLines, line => line.StartsWith("input [784]:") && line.Contains("exact for every float32 input"));
        Assert.Equal(4, import.OutputLines.Count(line => line.StartsWith("linear")));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("4 samples, classes (argmax): 7 2 1 0", run.Output);
        var written = NpyFile.Read(scores);
        Assert.Equal(new[] { 4, 10 }, written.Shape);
        var classes = Enumerable.Range(0, 4).Select(i => written.Values.Skip(i * 10).Take(10).ToList()).Select(row => row.IndexOf(row.Max())).ToArray();
        Assert.Equal(new[] { 7, 2, 1, 0 }, classes);
    }

    [Fact]
    public void RefusesAFloatConvolutionNetInOneLineNamingTheNode()
    {
        var result = CliRunner.Run("import", Qonnx("qonnx_mnist-conv_model.onnx"), "-o", Path.Combine(_directory.Path, "conv.lbq"));

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal(
            $"error: {Qonnx("qonnx_mnist-conv_model.onnx")}: node 'Convolution28' (Conv): the graph has no quantizer (no Quant, BipolarQuant, MultiThreshold, QuantizeLinear, QLinearConv, QLinearMatMul, ConvInteger or MatMulInteger node), so this Conv multiplies float32 input 'Input3' by float32 weights 'Parameter5': a float network, which no integer model computes exactly. Quantize it first (e.g. Brevitas to QONNX, or ONNX Runtime's quantizer to QDQ), or import with --approximate to quantize it to 8 bits and measure the difference.",
            result.Error.Trim());
        Assert.False(File.Exists(Path.Combine(_directory.Path, "conv.lbq")));
    }

    [Fact]
    public void ApproximatesAFloatConvolutionNetAndSaysByHowMuch()
    {
        var manifest = Path.Combine(_directory.Path, "conv.lbq");

        var result = CliRunner.Run("import", Qonnx("qonnx_mnist-conv_model.onnx"), "-o", manifest, "--approximate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(result.OutputLines, line => line.StartsWith("approximate: the graph quantizes no activation; calibrating 8-bit activations on 16 random inputs uniform in [0, 1] (no calibration data given; real inputs, --calibrate x.npy, give better ranges)"));
        Assert.Contains(result.OutputLines, line => line.StartsWith("approximate: on 100 random inputs the integer model's outputs differ from the float graph by at most ") && line.Contains("classes agree on "));
        Assert.True(File.Exists(manifest));
    }

    [Fact]
    public void CalibrateWithoutApproximateIsRefused()
    {
        var result = CliRunner.Run("import", Qonnx("qonnx_mnist-conv_model.onnx"), "-o", Path.Combine(_directory.Path, "conv.lbq"), "--calibrate", "x.npy");

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Equal("error: --calibrate sets the ranges of --approximate; give both.", result.Error.Trim());
    }

    [Fact]
    public void RunRefusesAnInputOfTheWrongSize()
    {
        var manifest = Path.Combine(_directory.Path, "finn.lbq");
        var wrong = Path.Combine(_directory.Path, "wrong.npy");
        NpyFile.WriteFloat32(wrong, new[] { 2, 10 }, new float[20]);
        Assert.Equal(0, CliRunner.Run("import", Qonnx("finn_build_dataflow_tfc_w1a1.onnx"), "-o", manifest).ExitCode);

        var result = CliRunner.Run("run", manifest, "--input", wrong);

        Assert.Equal(ExitCodes.Failure, result.ExitCode);
        Assert.Contains("shape (2, 10) holds 20 values", result.Error);
        Assert.Contains("784 values per sample", result.Error);
    }
}
