using System;
using System.IO;
using System.Linq;
using LowBit.Data;
using LowBit.Manifest;
using LowBit.Runtime;
using LowBit.TestModels;

namespace LowBit.Onnx.Tests;

/// <summary>
/// The example's trained DSQ W2A2 MNIST model exported in every flavor and run by ONNX Runtime on the
/// first 500 bundled held-out digits (all 2,000: float 98.65 %, QDQ 98.7 %). The exact export classifies every digit as the interpreter does; the float and
/// QDQ exports are approximations of it, and must still be the same classifier almost everywhere.
/// </summary>
public sealed class TrainedModelExportTests
{
    /// <summary>The interpreter takes ≈ 8 ms a digit; 500 digits keep the check under five seconds.</summary>
    private const int DigitCount = 500;

    private static readonly Lazy<(ModelManifest Manifest, float[] Images, int Count, int[] Interpreter)> Digits = new(Load);

    [Theory]
    [InlineData(OnnxFlavor.Exact, 1.0)]
    [InlineData(OnnxFlavor.Float, 0.97)]
    [InlineData(OnnxFlavor.Qdq, 0.97)]
    public void The_export_classifies_the_held_out_digits_like_the_interpreter(OnnxFlavor flavor, double minimumAgreement)
    {
        var (manifest, images, count, expected) = Digits.Value;
        using var runner = new OnnxRunner(OnnxExporter.Export(manifest, flavor), manifest.Input.Shape.ToArray());

        var scores = runner.Run(images, count);

        int agree = Enumerable.Range(0, count).Count(i => ReferenceInterpreter.ArgMax(scores.AsSpan(i * 10, 10)) == expected[i]);
        double agreement = (double)agree / count;
        Assert.True(agreement >= minimumAgreement, $"{flavor}: {agree} of {count} digits classified as the interpreter does ({agreement:P2}); expected at least {minimumAgreement:P0}.");
    }

    private static (ModelManifest, float[], int, int[]) Load()
    {
        var manifest = ManifestReader.ReadFile(Path.Combine(RepositoryPaths.Root, "examples", "MnistApp", "models", "mnist_w2a2.lbq"));
        var test = BundledMnist.Split().Test;
        var interpreter = new ReferenceInterpreter(manifest);
        var classes = Enumerable.Range(0, DigitCount).Select(i => interpreter.Classify(test.GetImage(i))).ToArray();
        return (manifest, test.Pixels[..(DigitCount * MnistDataset.PixelsPerImage)].ToArray(), DigitCount, classes);
    }
}
