using System;
using System.IO;
using LowBit.Data;
using LowBit.Manifest;
using LowBit.Runtime;

namespace ZooApp;

/// <summary>
/// Runs each generated zoo model and the reference interpreter on the same manifest over the 2,000
/// held-out digits: every output float must be bit-identical and every predicted class equal. Exit code 1
/// on any difference.
/// </summary>
public static class Program
{
    private delegate void Predictor(ReadOnlySpan<float> input, Span<float> output);

    public static int Main()
    {
        var resnet = new ResNet8();
        var mobilenet = new MobileNetV2();
        var failures = Compare("resnet8.lbq", resnet.Predict);
        failures += Compare("mobilenetv2.lbq", mobilenet.Predict);
        return failures == 0 ? 0 : 1;
    }

    private static int Compare(string file, Predictor generated)
    {
        var manifest = ManifestReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "models", file));
        var interpreter = new ReferenceInterpreter(manifest);
        var test = BundledMnist.Split().Test;
        var fromGenerated = new float[interpreter.OutputLength];
        var fromInterpreter = new float[interpreter.OutputLength];
        int differentOutputs = 0, differentClasses = 0, correct = 0;
        for (var i = 0; i < test.Count; i++)
        {
            generated(test.GetImage(i), fromGenerated);
            interpreter.Predict(test.GetImage(i), fromInterpreter);
            for (var k = 0; k < fromGenerated.Length; k++)
            {
                differentOutputs += BitConverter.SingleToInt32Bits(fromGenerated[k]) == BitConverter.SingleToInt32Bits(fromInterpreter[k]) ? 0 : 1;
            }

            var predicted = ReferenceInterpreter.ArgMax(fromGenerated);
            differentClasses += predicted == ReferenceInterpreter.ArgMax(fromInterpreter) ? 0 : 1;
            correct += predicted == test.GetLabel(i) ? 1 : 0;
        }

        Console.WriteLine($"{manifest.Name}: generated code vs interpreter on {test.Count} held-out digits: {differentClasses} different classes, {differentOutputs} different output floats; accuracy {(double)correct / test.Count:P2}");
        return differentClasses + differentOutputs;
    }
}
