using System;
using System.Collections.Generic;
using System.Linq;
using Google.Protobuf;
using LowBit.Manifest;
using LowBit.Onnx.Import;
using LowBit.Onnx.Proto;
using LowBit.Runtime;
using LowBit.TestModels;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace LowBit.Onnx.Tests.Import;

/// <summary>
/// Our own QDQ export (the int8 model a user would deploy with ONNX Runtime) imported back: every hidden
/// 8-bit tensor must equal what ONNX Runtime computes with its graph optimizations on (fused QLinearConv /
/// QGemm requantization), bit for bit.
/// </summary>
public sealed class QdqReimportTests
{
    private const int Samples = 16;
    private readonly ITestOutputHelper _output;

    public QdqReimportTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Models => new[]
    {
        new object[] { "tiny-cnn" },
        new object[] { "tfc-w2a2" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void HiddenInt8TensorsEqualOnnxRuntimes(string model)
    {
        var manifest = model == "tiny-cnn"
            ? ExampleModels.TinyCnnW2A2()
            : ManifestReader.ReadFile(RepositoryPaths.Combine("tests/LowBit.BitExact/ImportedModels/tfc-w2a2.lbq"));
        var exported = OnnxExporter.Export(manifest, OnnxFlavor.Qdq).ToByteArray();

        var result = OnnxImporter.Import(SourceGraph.Parse(exported, model + ".qdq.onnx"), new ImportOptions("reimported"));
        foreach (var line in result.Log)
        {
            _output.WriteLine(line);
        }

        var hidden = HiddenTensors(exported);
        var requantizing = result.Manifest.Layers.Where(l => l.OutputLevels(null) is not null && l is LinearLayer or Conv2dLayer).ToArray();
        Assert.Equal(hidden.Count, requantizing.Length);
        var inputs = ImportCheck.RandomInputs(result.Manifest, Samples, seed: 5);
        var onnxRuntime = RunWithHiddenOutputs(exported, hidden, manifest.Input.Shape.ToArray(), inputs);
        var interpreter = new ReferenceInterpreter(result.Manifest);
        var scores = new float[interpreter.OutputLength];
        int length = interpreter.InputLength;
        for (int s = 0; s < Samples; s++)
        {
            interpreter.Predict(inputs.AsSpan(s * length, length), scores);
            for (int k = 0; k < hidden.Count; k++)
            {
                var levels = interpreter.LayerOutput(requantizing[k].Id).ToArray();
                int offset = hidden[k].Signed ? -128 : 0;
                var expected = onnxRuntime[k].Skip(s * levels.Length).Take(levels.Length).ToArray();
                Assert.Equal(expected, levels.Select(l => l + offset).ToArray());
            }
        }
    }

    private sealed record HiddenTensor(string Name, bool Signed);

    /// <summary>The QuantizeLinear outputs after each layer (not the input's), in order.</summary>
    /// <summary>
    /// ONNX Runtime's quantizer writes a layer's int32 bias at the accumulator's unit s_x·s_w, and only then is it an
    /// accumulator integer. With the second layer's bias scale doubled (a graph edited, or a layer's input quantizer
    /// replaced), the graph adds twice the float bias: the import must follow the graph, not add the int32 values to the
    /// accumulator (it did, silently: found when `--approximate` replaced an input quantizer).
    /// </summary>
    [Fact]
    public void AnInt32BiasAtAnotherScaleThanTheAccumulatorsIsAddedAsTheGraphAddsIt()
    {
        var manifest = ManifestReader.ReadFile(RepositoryPaths.Combine("tests/LowBit.BitExact/ImportedModels/tfc-w2a2.lbq"));
        var qdq = SourceGraph.Parse(OnnxExporter.Export(manifest, OnnxFlavor.Qdq).ToByteArray(), "tfc-w2a2.qdq.onnx");
        var second = qdq.Nodes.Where(n => n.OpType == "Gemm").ElementAt(1);
        var bias = qdq.ProducerOf(second.Inputs[2])!;
        Assert.Equal("DequantizeLinear", bias.OpType);
        var graph = GraphEdits.WithInitializer(qdq, bias.Inputs[1], (_, scale) => 2 * scale);

        var result = OnnxImporter.Import(graph, new ImportOptions("bias-scale"));

        var check = ImportCheck.Compare(graph, result.Manifest, ImportCheck.RandomInputs(result.Manifest, 200, seed: 3), 200);
        // Measured 0.0032: the unfused graph sums float32 products, which round near a few thresholds; the bias taken as
        // accumulator integers moved scores by about 1.
        Assert.True(check.Agreeing == 200 && check.MaxScoreDifference < 0.02, check.ToString());
    }

    private static List<HiddenTensor> HiddenTensors(byte[] model)
    {
        var graph = ModelProto.Parser.ParseFrom(model).Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        return graph.Node
            .Where(n => n.OpType == "QuantizeLinear" && !n.Input[0].StartsWith("input", StringComparison.Ordinal) && graph.Node.Any(p => p.Output.Contains(n.Input[0]) && p.OpType is "Gemm" or "Conv"))
            .Select(n => new HiddenTensor(n.Output[0], initializers[n.Input[2]].DataType == (int)TensorProto.Types.DataType.Int8))
            .ToList();
    }

    private static List<int[]> RunWithHiddenOutputs(byte[] model, List<HiddenTensor> hidden, int[] sampleShape, float[] inputs)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        foreach (var tensor in hidden)
        {
            var type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = tensor.Signed ? 3 : 2 } };
            proto.Graph.Output.Add(new ValueInfoProto { Name = tensor.Name, Type = type });
        }

        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        using var session = new InferenceSession(proto.ToByteArray(), options);
        var dims = new[] { Samples }.Concat(sampleShape).ToArray();
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor(OnnxExporter.InputName, new DenseTensor<float>(inputs, dims)) });
        return hidden.Select(h => h.Signed
                ? results.Single(r => r.Name == h.Name).AsEnumerable<sbyte>().Select(v => (int)v).ToArray()
                : results.Single(r => r.Name == h.Name).AsEnumerable<byte>().Select(v => (int)v).ToArray())
            .ToList();
    }
}
