using System;
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
        var watch = Stopwatch.StartNew();
        long calls = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            model.Predict(input, output);
            calls++;
        }

        Console.WriteLine($"{name}: {calls} calls, {watch.Elapsed.TotalMilliseconds * 1000 / calls:F1} µs per call");
        return 0;
    }
}
