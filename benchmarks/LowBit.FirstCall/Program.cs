using System;
using System.Globalization;
using LowBit.Generated;

namespace LowBit.FirstCall;

/// <summary>
/// Prints, per model, the latency of the very first Predict of this process, of the 10th, and the steady state
/// (median of 200 calls after a second of warm-up). Each model is created and called first in a loop over the
/// models, so every first call is the model's own first call (its code and data untouched until then).
/// </summary>
public static class Program
{
    /// <param name="arguments">Optionally one model name: only that model, called once, so a profiler sees nothing but its first call.</param>
    public static int Main(string[] arguments)
    {
        if (arguments.Length == 1)
        {
            var only = System.Linq.Enumerable.First(LowBitModels.CreateAll(), m => m.Name == arguments[0]);
            var sample = new float[only.InputLength];
            var result = new float[only.OutputLength];
            var watch = System.Diagnostics.Stopwatch.StartNew();
            only.Predict(sample, result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{only.Name}: first call {watch.Elapsed.TotalMicroseconds:N1} µs"));
            return 0;
        }

        Console.WriteLine($"{(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled ? "JIT" : "NativeAOT")}, {Environment.ProcessorCount} cores");
        Console.WriteLine("| model | 1st call µs | 10th call µs | steady µs | 1st ÷ steady | 10th ÷ steady |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var model in LowBitModels.CreateAll())
        {
            if (model.Name.Contains("w1a1", StringComparison.Ordinal) || model.Name.Contains("mixed", StringComparison.Ordinal))
            {
                continue;
            }

            var input = new float[model.InputLength];
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (i * 37 % 101) / 101f;
            }

            var (first, tenth, median) = LatencyProbe.Measure(model, input);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {model.Name} | {first:N1} | {tenth:N1} | {median:N1} | {first / median:N1}× | {tenth / median:N1}× |"));
        }

        return 0;
    }
}
