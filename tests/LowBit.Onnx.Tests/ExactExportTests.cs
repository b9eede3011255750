using System;
using System.Linq;
using LowBit.BitExact;
using LowBit.Manifest;
using LowBit.Runtime;
using LowBit.TestModels;
using Microsoft.ML.OnnxRuntime;

namespace LowBit.Onnx.Tests;

/// <summary>The exact ONNX export, run by ONNX Runtime, reproduces the reference interpreter.</summary>
public sealed class ExactExportTests
{
    private const int BatchSize = 4;

    /// <summary>
    /// Every catalog model (every op × bitwidth, signed and zero-point levels, negated channels, padding,
    /// groups), with ONNX Runtime's graph optimizations off: every level is computed exactly and the float
    /// output is the same multiply and add as the interpreter's, so the outputs are identical bits.
    /// </summary>
    [Theory]
    [MemberData(nameof(ModelCatalog.Models), MemberType = typeof(ModelCatalog))]
    public void Unoptimized_onnx_runtime_reproduces_the_interpreter_bit_for_bit(TestModel model) =>
        AssertMatchesInterpreter(model, GraphOptimizationLevel.ORT_DISABLE_ALL, relativeTolerance: 0);

    /// <summary>
    /// With the default optimizations ONNX Runtime folds the output scale into the last layer's weights
    /// (Conv-Mul fusion), which reassociates the float sum: outputs differ in the last digits. A single
    /// level anywhere moves an output by at least one output scale (≥ 0.01 in the catalog), far outside 1e-4.
    /// </summary>
    [Theory]
    [MemberData(nameof(ModelCatalog.Models), MemberType = typeof(ModelCatalog))]
    public void Optimized_onnx_runtime_matches_the_interpreter_within_float_rounding(TestModel model) =>
        AssertMatchesInterpreter(model, GraphOptimizationLevel.ORT_ENABLE_ALL, relativeTolerance: 1e-4f);

    [Fact]
    public void A_sum_that_can_leave_the_exact_float_range_is_reported()
    {
        var manifest = new ModelBuilder(seed: 3, "wide")
            .InputVector(4096, bits: 8)
            .Linear(4, WeightSpec.Signed(8), 8)
            .Build();

        var export = OnnxExporter.Export(manifest, OnnxFlavor.Exact);

        var warning = Assert.Single(export.Warnings);
        Assert.Contains("fc1", warning, StringComparison.Ordinal);
        Assert.Contains("2^24", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void The_file_names_its_producer_flavor_and_model()
    {
        var manifest = ModelCatalog.AllOps.Manifest;

        var proto = OnnxExporter.Export(manifest, OnnxFlavor.Exact).Model;

        Assert.Equal("LowBitCompiler", proto.ProducerName);
        Assert.Equal(manifest.Name, proto.Graph.Name);
        Assert.Equal(OnnxExporter.Opset, proto.OpsetImport.Single().Version);
        Assert.Contains(proto.MetadataProps, p => p.Key == "lowbit.flavor" && p.Value == "Exact");
        Assert.Equal(new[] { "input" }, proto.Graph.Input.Select(i => i.Name));
        Assert.Equal(new[] { "output" }, proto.Graph.Output.Select(o => o.Name));
    }

    private static void AssertMatchesInterpreter(TestModel model, GraphOptimizationLevel optimization, float relativeTolerance)
    {
        var manifest = model.Manifest;
        var export = OnnxExporter.Export(manifest, OnnxFlavor.Exact);
        var interpreter = new ReferenceInterpreter(manifest);
        var sampler = new InputSampler(manifest.Input.Levels, seed: model.Name.Length);
        var batch = new float[interpreter.InputLength * BatchSize];
        for (int sample = 0; sample < BatchSize; sample++)
        {
            sampler.Fill(batch.AsSpan(sample * interpreter.InputLength, interpreter.InputLength), sample);
        }

        using var runner = new OnnxRunner(export, manifest.Input.Shape.ToArray(), optimization);

        var actual = runner.Run(batch, BatchSize);

        var expected = new float[interpreter.OutputLength];
        for (int sample = 0; sample < BatchSize; sample++)
        {
            interpreter.Predict(batch.AsSpan(sample * interpreter.InputLength, interpreter.InputLength), expected);
            for (int i = 0; i < expected.Length; i++)
            {
                float got = actual[(sample * expected.Length) + i];
                float tolerance = relativeTolerance * Math.Max(1f, Math.Abs(expected[i]));
                Assert.True(
                    Math.Abs(got - expected[i]) <= tolerance && !float.IsNaN(got),
                    $"{model.Name}, sample {sample}, output {i}: ONNX Runtime ({optimization}) gave {got:R}, the interpreter {expected[i]:R}. Export warnings: {string.Join("; ", export.Warnings)}");
            }
        }
    }
}
