using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using LowBit.Benchmarks.Peers;
using LowBit.Onnx;

namespace LowBit.Benchmarks;

/// <summary><c>--loop</c>: one model's generated Predict, over and over, so a sampling profiler can say where the time goes.</summary>
internal static class Loop
{
    private const string OnnxRuntimePrefix = "ort:";

    /// <summary>Loops <paramref name="name"/>'s generated Predict, or with <c>ort:</c> before the network name
    /// (e.g. <c>ort:resnet20</c>) ONNX Runtime int8 on the same network, so ratios come from back-to-back runs.</summary>
    public static int Run(string name, double seconds)
    {
        Console.WriteLine("LowBit ISA: " + IsaInfo.Describe());
        if (name.StartsWith(OnnxRuntimePrefix, StringComparison.Ordinal))
        {
            var manifest = ModelRegistry.Manifest(name[OnnxRuntimePrefix.Length..] + "_w8a8");
            var peerInput = InputData.For(manifest.Input.Shape.ToArray().Aggregate(1, (a, b) => a * b));
            var peerOutput = new float[manifest.OutputLayer.OutputShape.ToArray().Aggregate(1, (a, b) => a * b)];
            using var peer = new OnnxRuntimeModel(manifest, OnnxFlavor.Qdq, peerInput, peerOutput, 1);
            return Time(name, seconds, peer.Run);
        }

        var model = ModelRegistry.Create(name);
        var input = InputData.For(model.InputLength);
        var output = new float[model.OutputLength];
        return Time(name, seconds, () => model.Predict(input, output));
    }

    private static int Time(string name, double seconds, Action run)
    {
        // Warm up past tiered compilation, then time ten slices: on a shared VM the minimum and median of the
        // slices say more than one average over the whole run.
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < 0.5)
        {
            run();
        }

        long calls = 0;
        var slices = new List<double>();
        for (int slice = 0; slice < 10; slice++)
        {
            watch.Restart();
            long sliceCalls = 0;
            while (watch.Elapsed.TotalSeconds < seconds / 10)
            {
                run();
                sliceCalls++;
            }

            calls += sliceCalls;
            slices.Add(watch.Elapsed.TotalMilliseconds * 1000 / sliceCalls);
        }

        slices.Sort();
        Console.WriteLine($"{name}: {calls} calls, {(slices[4] + slices[5]) / 2:F1} µs per call (median of 10 slices; min {slices[0]:F1})");
        return 0;
    }
}
