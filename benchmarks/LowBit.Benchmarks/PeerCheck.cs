using System;
using System.Linq;
using LowBit.Benchmarks.Peers;
using LowBit.Onnx;
using LowBit.Runtime;
using TorchSharp;

namespace LowBit.Benchmarks;

/// <summary>
/// Part of <c>--check</c>: the peers compute what they claim. For every network, ONNX Runtime on the exact
/// export reproduces the interpreter (within float rounding of the output), and TorchSharp and ONNX Runtime
/// run the same dequantized float model (the same function up to float summation order).
/// </summary>
internal static class PeerCheck
{
    public static int Run()
    {
        int problems = 0;
        torch.set_num_threads(1);
        foreach (var network in BenchmarkCatalog.NetworkNames)
        {
            var manifest = ModelRegistry.Manifest(network + "_w8a8");
            var interpreter = new ReferenceInterpreter(manifest);
            var input = InputData.For(interpreter.InputLength);
            var expected = new float[interpreter.OutputLength];
            interpreter.Predict(input, expected);

            var exact = RunOnnx(manifest, OnnxFlavor.Exact, input, expected.Length);
            double exactError = MaxRelativeError(exact, expected);
            var onnxFloat = RunOnnx(manifest, OnnxFlavor.Float, input, expected.Length);
            using var torchModel = new TorchSharpFloatModel(manifest);
            var shape = new long[] { 1 }.Concat(manifest.Input.Shape.ToArray().Select(d => (long)d)).ToArray();
            float[] torchOutput;
            using (var noGrad = torch.no_grad())
            using (var torchInput = torch.tensor(input, shape))
            using (var result = torchModel.Forward(torchInput))
            {
                torchOutput = result.data<float>().ToArray();
            }

            double floatError = MaxRelativeError(torchOutput, onnxFloat);
            bool ok = exactError <= 1e-4 && floatError <= 1e-3;
            Console.WriteLine($"{network + "_w8a8",-18} ONNX exact vs interpreter: max relative error {exactError:E1}; TorchSharp vs ONNX float: {floatError:E1}{(ok ? "" : "  MISMATCH")}");
            problems += ok ? 0 : 1;
        }

        return problems;
    }

    private static float[] RunOnnx(LowBit.Manifest.ModelManifest manifest, OnnxFlavor flavor, float[] input, int outputLength)
    {
        var output = new float[outputLength];
        using var model = new OnnxRuntimeModel(manifest, flavor, input, output, batch: 1);
        model.Run();
        return output;
    }

    /// <summary>Largest |a − b| / max(1, |b|).</summary>
    private static double MaxRelativeError(float[] actual, float[] expected) =>
        actual.Zip(expected, (a, b) => Math.Abs(a - b) / Math.Max(1.0, Math.Abs(b))).Max();
}
