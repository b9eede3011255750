using System;
using System.IO;
using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Import;
using LowBit.TestModels;

namespace LowBit.Onnx.Tests.Import;

/// <summary>
/// The bit-exact runner compiles the manifests in tests/LowBit.BitExact/ImportedModels; they must be what
/// the importer makes of the third-party files today, byte for byte (set LOWBIT_ACCEPT_IMPORTS=1 to rewrite them).
/// </summary>
public sealed class ImportedModelFilesTests
{
    [Theory]
    [InlineData("TFC_1W1A.onnx", "imported/tfc-w1a1", "tfc-w1a1.lbq", false)]
    [InlineData("TFC_2W2A.onnx", "imported/tfc-w2a2", "tfc-w2a2.lbq", true)]
    [InlineData("finn_build_dataflow_tfc_w1a1.onnx", "imported/finn-tfc-w1a1", "finn-tfc-w1a1.lbq", false)]
    public void CommittedManifestIsTodaysImport(string source, string name, string file, bool acceptInputDifferences)
    {
        var result = OnnxImporter.Import(SourceGraph.Read(ThirdPartyModels.Qonnx(source)), new ImportOptions(name, acceptInputDifferences));
        AssertCommitted(result.Manifest, file, source);
    }

    [Fact]
    public void CommittedAveragePoolManifestIsTodaysImportOfTheBrevitasPoolingGraph()
    {
        var result = OnnxImporter.Import(BrevitasPoolingGraph.Build(), new ImportOptions(BrevitasPoolingGraph.ModelName));
        AssertCommitted(result.Manifest, "brevitas-avgpool-trunc.lbq", nameof(BrevitasPoolingGraph));
    }

    /// <summary>
    /// qonnx's float networks, approximated to 8 bits (<c>--approximate</c>): mnist-conv calibrated on 100
    /// training digits evenly spaced (every class), the residual block on the default 16 random inputs. Deterministic: the calibration and the
    /// random inputs are seeded.
    /// </summary>
    [Theory]
    [InlineData("qonnx_mnist-conv_model.onnx", "imported/qonnx-mnist-conv-approx", "qonnx-mnist-conv-approx.lbq", 100)]
    [InlineData("qonnx_residual_block_clean.onnx", "imported/qonnx-residual-block-approx", "qonnx-residual-block-approx.lbq", 0)]
    public void CommittedApproximatedManifestIsTodaysImport(string source, string name, string file, int calibrationDigits)
    {
        var calibration = calibrationDigits == 0 ? null : ThirdPartyModels.TrainingDigits(calibrationDigits);
        var options = new ApproximationOptions(Samples: 2, Calibration: calibration, CalibrationName: "training digits");

        var result = OnnxImporter.Import(SourceGraph.Read(ThirdPartyModels.Qonnx(source)), new ImportOptions(name, Approximate: options));

        AssertCommitted(result.Manifest, file, source);
    }

    private static void AssertCommitted(ModelManifest manifest, string file, string source)
    {
        var path = RepositoryPaths.Combine("tests/LowBit.BitExact/ImportedModels/" + file);
        var expected = ManifestWriter.ToUtf8(manifest);
        if (Environment.GetEnvironmentVariable("LOWBIT_ACCEPT_IMPORTS") == "1")
        {
            File.WriteAllBytes(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run with LOWBIT_ACCEPT_IMPORTS=1 to write it.");
        Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"{path} differs from today's import of {source}; run with LOWBIT_ACCEPT_IMPORTS=1 to rewrite it.");
    }
}
