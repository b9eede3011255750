using System;
using System.Diagnostics;
using System.IO;
using LowBit.Data;

namespace MnistApp;

/// <summary>
/// Classifies the 2,000 held-out bundled MNIST digits with the generated <see cref="Digits"/> model and
/// prints accuracy, time per image and model size.
/// </summary>
public static class Program
{
    private const int TimedPasses = 5;

    public static int Main()
    {
        var test = BundledMnist.Split().Test;
        var model = new Digits();
        var correct = 0;
        for (var i = 0; i < test.Count; i++)
        {
            correct += model.Classify(test.GetImage(i)) == test.GetLabel(i) ? 1 : 0;
        }

        // Timed after the first pass, so tiered JIT has produced optimized code.
        var clock = Stopwatch.StartNew();
        var checksum = 0;
        for (var pass = 0; pass < TimedPasses; pass++)
        {
            for (var i = 0; i < test.Count; i++)
            {
                checksum += model.Classify(test.GetImage(i));
            }
        }

        var microseconds = clock.Elapsed.TotalMicroseconds / (TimedPasses * test.Count);
        var modelFile = Path.Combine(AppContext.BaseDirectory, "mnist_w2a2.lbq");
        Console.WriteLine($"accuracy: {(double)correct / test.Count:P2} on {test.Count} held-out digits ({correct} correct)");
        Console.WriteLine($"speed: {microseconds:F1} µs per image (batch 1, {Environment.ProcessorCount} cores visible, one used)");
        Console.WriteLine(MachineDescription.Describe());
        Console.WriteLine($"model: {Digits.InputLength} inputs → {Digits.OutputLength} classes; manifest {ModelBytes(modelFile)}; class checksum {checksum}");
        return 0;
    }

    private static string ModelBytes(string path) => File.Exists(path) ? $"{new FileInfo(path).Length:N0} bytes" : "not copied";
}
