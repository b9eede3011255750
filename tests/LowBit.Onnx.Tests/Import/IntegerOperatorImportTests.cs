using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Evaluation;
using LowBit.Onnx.Import;
using LowBit.Runtime;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace LowBit.Onnx.Tests.Import;

/// <summary>
/// QLinearConv, QLinearMatMul, ConvInteger and MatMulInteger imported into a manifest: on random inputs the
/// reference interpreter's outputs equal, bit for bit, the float evaluator's and ONNX Runtime's (optimizations
/// off and on). The graphs end in MatMulInteger → Cast → Mul by a power of two, so the float output is exact too.
/// </summary>
public sealed class IntegerOperatorImportTests
{
    private const int Samples = 200;
    private static readonly int[] SampleShape = { 2, 5, 5 };
    private readonly ITestOutputHelper _output;

    public IntegerOperatorImportTests(ITestOutputHelper output) => _output = output;

    public static IEnumerable<object[]> Graphs => new[]
    {
        new object[] { "qlinear-per-channel" },
        new object[] { "qlinear-int8-per-tensor" },
        new object[] { "conv-integer" },
        new object[] { "per-column-zero-points" },
        new object[] { "qlinear-depthwise" },
    };

    [Theory]
    [MemberData(nameof(Graphs))]
    public void ImportedModelEqualsTheEvaluatorAndOnnxRuntime(string name)
    {
        var model = Graph(name);
        var graph = IntegerGraphBuilder.Parse(model);

        var result = OnnxImporter.Import(graph, new ImportOptions(name));
        foreach (var line in result.Log)
        {
            _output.WriteLine(line);
        }

        var inputs = ImportCheck.RandomInputs(result.Manifest, Samples, seed: 11);
        var imported = Interpret(result.Manifest, inputs);
        var evaluated = new FloatEvaluator(graph).Evaluate(new OnnxTensor(new[] { Samples }.Concat(SampleShape).ToArray(), inputs.Select(v => (double)v).ToArray())).Values.Select(v => (float)v).ToArray();
        Assert.Equal(evaluated, imported);
        Assert.Equal(RunOnnxRuntime(model, inputs, GraphOptimizationLevel.ORT_DISABLE_ALL), imported);
        Assert.Equal(RunOnnxRuntime(model, inputs, GraphOptimizationLevel.ORT_ENABLE_ALL), imported);
        // The requantizations must not collapse to a constant, or the comparison would prove little.
        Assert.True(imported.Distinct().Count() > Samples, $"only {imported.Distinct().Count()} distinct scores");
    }

    // Weight codes stay within ±63: ONNX Runtime's x64 int8 kernels without VNNI multiply u8 by s8 with
    // vpmaddubsw, which saturates each pair sum at int16 (2·255·127 > 32767), so wider weights make ONNX
    // Runtime itself depart from the operators' definition on AVX2-only CPUs (it documents this and advises
    // reduce_range), and the comparison would test ONNX Runtime rather than the import.
    private static byte[] Graph(string name)
    {
        return name switch
        {
            "qlinear-per-channel" => new IntegerGraphBuilder(SampleShape)
                .QuantizeLinear(1 / 255f, 0, signed: false)
                .QLinearConv(OperandWeights.Random(1, new[] { 4, 2, 3, 3 }, true, new[] { 0.011f, 0.007f, 0.013f, 0.009f }, 0, 60), 0.03f, 7, outputSigned: false, bias: new[] { 900, -2500, 0, 4100 }, pad: 1)
                .Then("Flatten")
                .QLinearMatMul(OperandWeights.Random(2, new[] { 100, 6 }, true, new[] { 0.002f, 0.003f, 0.0025f, 0.001f, 0.004f, 0.0035f }, 0, 63), 0.07f, 120, outputSigned: false)
                .MatMulInteger(OperandWeights.Random(3, new[] { 6, 3 }, true, new[] { 1f }, 0, 63))
                .CastToFloat()
                .Elementwise("Mul", new[] { 0.0625f })
                .Build(3),
            "qlinear-int8-per-tensor" => new IntegerGraphBuilder(SampleShape)
                .QuantizeLinear(1 / 127f, -20, signed: true)
                .QLinearConv(OperandWeights.Random(6, new[] { 4, 2, 3, 3 }, true, new[] { 0.01f }, 0, 60), 0.03f, -9, outputSigned: true, bias: new[] { 1900, -700, 300, 0 }, pad: 1)
                .Then("Flatten")
                .QLinearMatMul(OperandWeights.Random(7, new[] { 100, 6 }, true, new[] { 0.003f }, 0, 63), 0.05f, 4, outputSigned: true)
                .MatMulInteger(OperandWeights.Random(8, new[] { 6, 3 }, true, new[] { 1f }, 0, 63))
                .CastToFloat()
                .Elementwise("Mul", new[] { 0.0625f })
                .Build(3),
            "conv-integer" => new IntegerGraphBuilder(SampleShape)
                .QuantizeLinear(0.02f, 100, signed: false)
                .ConvInteger(OperandWeights.Random(4, new[] { 3, 2, 3, 3 }, false, new[] { 1f }, 128, 50), pad: 1)
                .CastToFloat()
                .Elementwise("Mul", new[] { 0.0004f, 0.0003f, 0.0005f }, 1, 3, 1, 1)
                .Elementwise("Add", new[] { 0.1f, -0.2f, 0.05f }, 1, 3, 1, 1)
                .Then("Relu")
                .QuantizeLinear(0.01f, 0, signed: false)
                .Then("Flatten")
                .MatMulInteger(OperandWeights.Random(5, new[] { 75, 5 }, true, new[] { 1f }, 0, 63))
                .CastToFloat()
                .Elementwise("Mul", new[] { 0.25f })
                .Build(5),
            "qlinear-depthwise" => new IntegerGraphBuilder(SampleShape)
                .QuantizeLinear(1 / 200f, 5, signed: false)
                .QLinearConv(OperandWeights.Random(11, new[] { 2, 1, 3, 3 }, true, new[] { 0.02f, 0.015f }, 0, 100), 0.02f, 60, outputSigned: false, bias: new[] { -300, 700 }, pad: 1, groups: 2)
                .Then("Flatten")
                .MatMulInteger(OperandWeights.Random(12, new[] { 50, 3 }, true, new[] { 1f }, 0, 63))
                .CastToFloat()
                .Elementwise("Mul", new[] { 0.0625f })
                .Build(3),
            "per-column-zero-points" => new IntegerGraphBuilder(SampleShape)
                .QuantizeLinear(0.004f, 30, signed: false)
                .Then("Flatten")
                .MatMulInteger(OperandWeights.RandomColumns(9, 50, new[] { 120, 128, 135, 101 }, 63))
                .CastToFloat()
                .Elementwise("Mul", new[] { 0.001f, 0.002f, 0.0015f, 0.003f }, 4)
                .Then("Relu")
                .QuantizeLinear(0.05f, 0, signed: false)
                .MatMulInteger(OperandWeights.Random(10, new[] { 4, 3 }, true, new[] { 1f }, 0, 63))
                .CastToFloat()
                .Elementwise("Mul", new[] { 0.125f })
                .Build(3),
            _ => throw new ArgumentException(name, nameof(name)),
        };
    }

    private static float[] Interpret(ModelManifest manifest, float[] inputs)
    {
        var interpreter = new ReferenceInterpreter(manifest);
        int length = interpreter.InputLength, outputs = interpreter.OutputLength;
        var scores = new float[Samples * outputs];
        for (int s = 0; s < Samples; s++)
        {
            interpreter.Predict(inputs.AsSpan(s * length, length), scores.AsSpan(s * outputs, outputs));
        }

        return scores;
    }

    private static float[] RunOnnxRuntime(byte[] model, float[] inputs, GraphOptimizationLevel optimization)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = optimization };
        using var session = new InferenceSession(model, options);
        var x = new DenseTensor<float>(inputs, new[] { Samples }.Concat(SampleShape).ToArray());
        using var results = session.Run(new[] { NamedOnnxValue.CreateFromTensor("x", x) });
        return results.Single(r => r.Name == "y").AsEnumerable<float>().ToArray();
    }
}
