using System;
using System.Linq;
using LowBit.Data;
using LowBit.Manifest;
using LowBit.Onnx.Import;
using LowBit.Runtime;
using LowBit.TestModels;
using Microsoft.ML.OnnxRuntime;

namespace LowBit.Onnx.Tests;

/// <summary>
/// The imported TFC models (TFC_2W2A: narrow 2-bit activations, 3 levels and 2 thresholds per channel; TFC_1W1A
/// and FINN's: bipolar) exported as ONNX int8 on their own level grid: ONNX Runtime's int8 kernels, optimizations
/// off and on, give the interpreter's scores bit for bit on the 2,000 test-split digits and on random inputs past
/// both ends of the input range.
/// </summary>
public sealed class LevelGridExportTests
{
    private static readonly Lazy<ModelManifest> Tfc = new(() => Imported("tfc-w2a2.lbq"));

    [Theory]
    [InlineData("tfc-w2a2.lbq", GraphOptimizationLevel.ORT_DISABLE_ALL)]
    [InlineData("tfc-w2a2.lbq", GraphOptimizationLevel.ORT_ENABLE_ALL)]
    [InlineData("tfc-w1a1.lbq", GraphOptimizationLevel.ORT_ENABLE_ALL)]
    [InlineData("finn-tfc-w1a1.lbq", GraphOptimizationLevel.ORT_ENABLE_ALL)]
    public void OnnxRuntimeGivesTheInterpretersScoresBitForBit(string file, GraphOptimizationLevel optimization)
    {
        var manifest = Imported(file);
        var digits = BundledMnist.Split().Test;
        var inputs = digits.Pixels.ToArray().Concat(ImportCheck.RandomInputs(manifest, 500, seed: 3)).ToArray();
        int count = inputs.Length / 784;
        using var runner = new OnnxRunner(OnnxExporter.Export(manifest, OnnxFlavor.Qcdq), manifest.Input.Shape.ToArray(), optimization);

        var scores = runner.Run(inputs, count);

        Assert.Equal(Scores(manifest, inputs), scores);
    }

    [Theory]
    [InlineData("tfc-w2a2.lbq")]
    [InlineData("tfc-w1a1.lbq")]
    [InlineData("finn-tfc-w1a1.lbq")]
    public void TheExportReimportsAsTheSameModel(string file)
    {
        var manifest = Imported(file);
        var exported = OnnxExporter.Export(manifest, OnnxFlavor.Qcdq).ToByteArray();

        var reimported = OnnxImporter.Import(SourceGraph.Parse(exported, file + ".qcdq.onnx"), new ImportOptions("reimported")).Manifest;

        var inputs = BundledMnist.Split().Test.Pixels.ToArray().Concat(ImportCheck.RandomInputs(manifest, 500, seed: 4)).ToArray();
        Assert.Equal(Scores(manifest, inputs), Scores(reimported, inputs));
    }

    [Fact]
    public void UnequallySpacedThresholdsAreRefusedNamingTheLayerAndChannel()
    {
        var error = Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(ExampleModels.TinyCnnW2A2(), OnnxFlavor.Qcdq));

        Assert.Equal("Layer 'conv1' channel 1: thresholds -1264, -1020, -775 are not equally spaced, so no linear requantization reproduces them.", error.Message);
    }

    [Fact]
    public void OnnxRuntimeRunsTheHiddenLayersWithItsInt8Kernels()
    {
        string optimized = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"lowbit-qcdq-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, OptimizedModelFilePath = optimized })
            using (new InferenceSession(OnnxExporter.Export(Tfc.Value, OnnxFlavor.Qcdq).ToByteArray(), options))
            {
            }

            var ops = Proto.ModelProto.Parser.ParseFrom(System.IO.File.ReadAllBytes(optimized)).Graph.Node.Select(n => n.OpType).ToArray();
            // All four layers, the float-output one included, run as ONNX Runtime's int8 GEMM; no float GEMM is left.
            Assert.True(ops.Count(op => op == "QGemm") == 4 && !ops.Any(op => op is "Gemm" or "MatMul"), string.Join(", ", ops));
        }
        finally
        {
            System.IO.File.Delete(optimized);
        }
    }

    private static float[] Scores(ModelManifest manifest, float[] inputs)
    {
        var interpreter = new ReferenceInterpreter(manifest);
        int length = interpreter.InputLength, outputs = interpreter.OutputLength, count = inputs.Length / length;
        var scores = new float[count * outputs];
        for (int i = 0; i < count; i++)
        {
            interpreter.Predict(inputs.AsSpan(i * length, length), scores.AsSpan(i * outputs, outputs));
        }

        return scores;
    }

    private static ModelManifest Imported(string file) => ManifestReader.ReadFile(RepositoryPaths.Combine("tests/LowBit.BitExact/ImportedModels/" + file));
}
