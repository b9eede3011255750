using System;
using System.Diagnostics;
using LowBit.Generated;

namespace LowBit.FirstCall;

/// <summary>
/// The 1st, 10th and steady-state (median of 200 calls after a second of warm-up) latency of a model's Predict, in µs.
/// Shared by this app (NativeAOT) and LowBit.Benchmarks' --first-call (JIT), which links this file.
/// </summary>
internal static class LatencyProbe
{
    public static (double First, double Tenth, double Steady) Measure(ILowBitModel model, float[] input)
    {
        var output = new float[model.OutputLength];
        var watch = Stopwatch.StartNew();
        model.Predict(input, output);
        double first = watch.Elapsed.TotalMicroseconds;
        double tenth = 0;
        for (int call = 2; call <= 10; call++)
        {
            watch.Restart();
            model.Predict(input, output);
            tenth = watch.Elapsed.TotalMicroseconds;
        }

        watch.Restart();
        while (watch.Elapsed.TotalSeconds < 1)
        {
            model.Predict(input, output);
        }

        var steady = new double[200];
        for (int i = 0; i < steady.Length; i++)
        {
            watch.Restart();
            model.Predict(input, output);
            steady[i] = watch.Elapsed.TotalMicroseconds;
        }

        Array.Sort(steady);
        return (first, tenth, steady[steady.Length / 2]);
    }
}
