using System;
using System.Collections.Generic;
using System.Linq;

namespace LowBit.Benchmarks;

/// <summary>What the benchmark classes iterate over, from <see cref="BenchmarkModels"/>.</summary>
internal static class BenchmarkCatalog
{
    /// <summary>Set by <c>--quick</c> before BenchmarkDotNet reads the parameters (an environment variable, so in-process runs see it).</summary>
    public const string QuickVariable = "LOWBIT_BENCHMARK_QUICK";

    public static bool Quick => Environment.GetEnvironmentVariable(QuickVariable) == "1";

    public static IEnumerable<string> NetworkNames => BenchmarkModels.Networks.Select(n => n.Name);

    public static IEnumerable<string> LayerNames => BenchmarkModels.Layers.Select(l => l.Name);

    public static IReadOnlyList<string> NetworkPrecisions { get; } =
        BenchmarkModels.Uniform.Append(BenchmarkModels.Mixed).Select(p => p.Name).ToArray();
}
