using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace LowBit.Benchmarks;

/// <summary><c>--loop</c>: one model's generated Predict, over and over, so a sampling profiler can say where the time goes.</summary>
internal static class Loop
{
    public static int Run(string name, double seconds)
    {
        var model = ModelRegistry.Create(name);
        var input = InputData.For(model.InputLength);
        var output = new float[model.OutputLength];
        Console.WriteLine("LowBit ISA: " + IsaInfo.Describe());
        // Warm up past tiered compilation, then time ten slices: on a shared VM the minimum and median of the
        // slices say more than one average over the whole run.
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < 0.5)
        {
            model.Predict(input, output);
        }

        long calls = 0;
        var slices = new List<double>();
        for (int slice = 0; slice < 10; slice++)
        {
            watch.Restart();
            long sliceCalls = 0;
            while (watch.Elapsed.TotalSeconds < seconds / 10)
            {
                model.Predict(input, output);
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
