using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace LowBit.Benchmarks;

/// <summary>
/// <c>--first-call</c>: how fast a fresh process answers. Each model runs in its own process (a fresh JIT), which
/// times its 1st and 10th Predict and then the steady state (median of 200 calls after a second of warm-up) —
/// the latency an app that classifies one photo gets, against the figure a benchmark loop reports.
/// </summary>
internal static class FirstCall
{
    private const string ChildFlag = "--first-call-child";

    public static int Run(IEnumerable<string> models)
    {
        Console.WriteLine($"First, 10th and steady-state Predict latency in fresh processes ({Environment.ProcessorCount} cores, load {LoadAverage()})");
        Console.WriteLine();
        Console.WriteLine("| model | construction µs | 1st call µs | 10th call µs | steady µs | 1st ÷ steady | 10th ÷ steady |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var model in models)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(typeof(FirstCall).Assembly.Location);
            start.ArgumentList.Add(ChildFlag);
            start.ArgumentList.Add(model);
            using var child = Process.Start(start)!;
            string line = child.StandardOutput.ReadToEnd().Trim().Split('\n').Last();
            child.WaitForExit();
            var values = line.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {model} | {values[3]:N1} | {values[0]:N1} | {values[1]:N1} | {values[2]:N1} | {values[0] / values[2]:N1}× | {values[1] / values[2]:N1}× |"));
        }

        return 0;
    }

    public static bool IsChild(string[] arguments) => arguments.Length == 2 && arguments[0] == ChildFlag;

    /// <summary>Prints "first tenth steady construction" in µs for one model (construction: the generated constructor alone).</summary>
    public static int Child(string name)
    {
        var watch = Stopwatch.StartNew();
        var model = ModelRegistry.Create(name);
        double construction = watch.Elapsed.TotalMicroseconds;
        var input = InputData.For(model.InputLength);
        var (first, tenth, steady) = LowBit.FirstCall.LatencyProbe.Measure(model, input);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first} {tenth} {steady} {construction}"));
        return 0;
    }

    private static string LoadAverage() => System.IO.File.Exists("/proc/loadavg") ? System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
