using System;
using System.Collections.Generic;
using System.Linq;
using Google.Protobuf;
using LowBit.Data;
using LowBit.Manifest;
using LowBit.Onnx.Proto;
using LowBit.Runtime;
using LowBit.TestModels;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LowBit.Onnx.Tests;

/// <summary>
/// The imported TFC_2W2A has narrow 2-bit activations: three levels on a 2-bit grid, the fourth never reached
/// (its threshold lies beyond every accumulator). Its float and QDQ exports once read that threshold as part of
/// the quantizer, which stretched the threshold spacing and put the clip at the fourth level: they agreed with
/// the interpreter on 18 % of digits (QDQ 369 of 2,000, float 360). They must keep the 3-level clip.
/// </summary>
public sealed class ImportedTfcExportTests
{
    private static readonly Lazy<(ModelManifest Manifest, MnistDataset Digits, int[] Interpreter)> Model = new(Load);

    [Theory]
    [InlineData(OnnxFlavor.Float, 0.985)]
    [InlineData(OnnxFlavor.Qdq, 0.985)]
    public void TheExportClassifiesTheDigitsLikeTheInterpreter(OnnxFlavor flavor, double minimumAgreement)
    {
        var (manifest, digits, expected) = Model.Value;
        using var runner = new OnnxRunner(OnnxExporter.Export(manifest, flavor), manifest.Input.Shape.ToArray());

        var scores = runner.Run(digits.Pixels.ToArray(), digits.Count);

        int agree = Enumerable.Range(0, digits.Count).Count(i => ReferenceInterpreter.ArgMax(scores.AsSpan(i * 10, 10)) == expected[i]);
        Assert.True(agree >= minimumAgreement * digits.Count, $"{flavor}: {agree} of {digits.Count} digits classified as the interpreter does.");
    }

    [Fact]
    public void TheQdqExportSaturatesEveryHiddenActivationAtTheThirdLevel()
    {
        var (manifest, digits, _) = Model.Value;
        var hidden = manifest.Layers.Take(3).Select(l => l.Id + "_dequantized").ToArray();
        var proto = ModelProto.Parser.ParseFrom(OnnxExporter.Export(manifest, OnnxFlavor.Qdq).ToByteArray());
        foreach (var name in hidden)
        {
            proto.Graph.Output.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        }

        using var session = new InferenceSession(proto.ToByteArray(), new SessionOptions { IntraOpNumThreads = 1 });
        var input = NamedOnnxValue.CreateFromTensor(OnnxExporter.InputName, new DenseTensor<float>(digits.Pixels.ToArray(), new[] { digits.Count, 784 }));
        using var results = session.Run(new[] { input });

        // Levels 0, 1, 2 with zero point 1 and scale 1 are the real values −1, 0, 1; the fourth level (2) is never
        // reached, so int8 spreads ±1 over ±127 and saturates at 1. Below, int8 reaches −128 (−128/127 of the scale):
        // the symmetric QDQ form's known asymmetry (ActivationQuantization).
        foreach (var name in hidden)
        {
            var values = results.Single(r => r.Name == name).AsEnumerable<float>().ToArray();
            Assert.Equal(1f, values.Max());
            Assert.Equal(-128f * (1f / 127f), values.Min());
        }
    }

    private static (ModelManifest, MnistDataset, int[]) Load()
    {
        var manifest = ManifestReader.ReadFile(RepositoryPaths.Combine("tests/LowBit.BitExact/ImportedModels/tfc-w2a2.lbq"));
        var digits = BundledMnist.Split().Test;
        var interpreter = new ReferenceInterpreter(manifest);
        return (manifest, digits, Enumerable.Range(0, digits.Count).Select(i => interpreter.Classify(digits.GetImage(i))).ToArray());
    }
}
