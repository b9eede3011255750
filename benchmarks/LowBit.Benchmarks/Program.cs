using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LowBit.Benchmarks;
using LowBit.TestModels;
using Perfolizer.Horology;
using Perfolizer.Metrology;

// Usage (from the repository root; see benchmarks/README.md):
//   dotnet run -c Release --project benchmarks/LowBit.Benchmarks -- [--quick] [BenchmarkDotNet options, e.g. --filter *conv64*]
//   ... -- --isa [--quick]            generated Predict per ISA path (default / DOTNET_EnableAVX512=0 / + DOTNET_EnableAVXVNNI=0 / DOTNET_EnableAVX2=0 / DOTNET_EnableHWIntrinsic=0)
//   ... -- --write-models [dir]       regenerate Models/*.lbq (default: benchmarks/LowBit.Benchmarks/Models)
//   ... -- --check                    committed models up to date, generated code bit-exact and allocation-free
//   ... -- --write-resnet18 <dir>     the generator-scale experiment: model + throwaway project (outside the repo)
//   ... -- --loop <model> [seconds]   generated Predict in a loop, for a sampling profiler (perf with DOTNET_PerfMapEnabled=1)
//   ... -- --first-call               1st, 10th and steady-state Predict latency of each network, each in a fresh process
if (FirstCall.IsChild(args))
{
    return FirstCall.Child(args[1]);
}

var arguments = new List<string>(args);
if (Take(arguments, "--first-call"))
{
    return FirstCall.Run(BenchmarkCatalog.NetworkNames.SelectMany(n => new[] { "w2a2", "w4a4", "w8a8" }.Select(p => n + "_" + p)));
}

string repositoryRoot = RepositoryPaths.FindAbove(Environment.CurrentDirectory)
    ?? RepositoryPaths.FindAbove(AppContext.BaseDirectory)
    ?? Environment.CurrentDirectory;
string modelsDirectory = Path.Combine(repositoryRoot, "benchmarks", "LowBit.Benchmarks", "Models");

if (Take(arguments, "--write-models"))
{
    string directory = arguments.Count > 0 ? arguments[0] : modelsDirectory;
    foreach (var path in BenchmarkModels.WriteAll(directory))
    {
        Console.WriteLine($"{path}: {BenchmarkModels.Count(new FileInfo(path).Length)} bytes");
    }

    Console.WriteLine("Rebuild the benchmarks project to compile them.");
    return 0;
}

if (Take(arguments, "--write-resnet18"))
{
    if (arguments.Count == 0)
    {
        Console.Error.WriteLine("--write-resnet18 needs a directory outside the repository, e.g. /tmp/resnet18-scale");
        return 2;
    }

    ResNet18Scale.Write(arguments[0], repositoryRoot);
    return 0;
}

if (Take(arguments, "--check"))
{
    return Check.Run(modelsDirectory);
}

if (Take(arguments, "--loop"))
{
    return Loop.Run(arguments[0], arguments.Count > 1 ? double.Parse(arguments[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
}

bool quick = Take(arguments, "--quick");
bool isa = Take(arguments, "--isa");
Console.WriteLine("LowBit ISA: " + IsaInfo.Describe());

var style = SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond).WithSizeUnit(SizeUnit.B);
var config = ManualConfig.Create(DefaultConfig.Instance)
    .WithSummaryStyle(style)
    .WithArtifactsPath(Path.Combine(repositoryRoot, "BenchmarkDotNet.Artifacts"))
    .HideColumns(Column.Gen0, Column.Gen1, Column.Gen2);
Type[] benchmarks;
if (isa)
{
    // Separate processes, so the JIT of each sees only the instruction sets its environment allows.
    var baseJob = quick ? Job.ShortRun : Job.Default;
    config = config
        .AddJob(baseJob.WithId("Default"))
        .AddJob(baseJob.WithEnvironmentVariable("DOTNET_EnableAVX512", "0").WithId("Avx512Off"))
        .AddJob(baseJob.WithEnvironmentVariable("DOTNET_EnableAVX512", "0").WithEnvironmentVariable("DOTNET_EnableAVXVNNI", "0").WithId("Avx512AndVnniOff"))
        .AddJob(baseJob.WithEnvironmentVariable("DOTNET_EnableAVX2", "0").WithId("Avx2Off"))
        .AddJob(baseJob.WithEnvironmentVariable("DOTNET_EnableHWIntrinsic", "0").WithId("HWIntrinsicOff"));
    benchmarks = new[] { typeof(IsaBenchmarks) };
}
else
{
    // In-process: the peers' native libraries (ONNX Runtime, libtorch) load from this build's output as they
    // are, and there is no per-benchmark project build. --quick: batch 1 only, few short iterations.
    if (quick)
    {
        Environment.SetEnvironmentVariable(BenchmarkCatalog.QuickVariable, "1");
    }

    var job = quick
        ? Job.ShortRun.WithIterationTime(TimeInterval.FromMilliseconds(100)).WithWarmupCount(1).WithIterationCount(3).WithId("Quick")
        : Job.Default.WithIterationTime(TimeInterval.FromMilliseconds(250)).WithWarmupCount(3).WithIterationCount(15).WithId("Full");
    config = config.AddJob(job.WithToolchain(InProcessEmitToolchain.Instance));
    benchmarks = new[] { typeof(NetworkBenchmarks), typeof(InterpreterBenchmarks), typeof(LayerBenchmarks) };
}

if (!arguments.Contains("--filter"))
{
    arguments.Add("--filter");
    arguments.Add("*");
}

var stopwatch = System.Diagnostics.Stopwatch.StartNew();
var summaries = BenchmarkSwitcher.FromTypes(benchmarks).Run(arguments.ToArray(), config).ToList();
if (!isa)
{
    var reportPath = Path.Combine(repositoryRoot, "BenchmarkDotNet.Artifacts", quick ? "lowbit-performance-quick.md" : "lowbit-performance.md");
    Console.WriteLine(PerformanceReport.Write(summaries, reportPath));
    Console.WriteLine($"Tables written to {reportPath} ({stopwatch.Elapsed.TotalMinutes:F1} min of benchmarks).");
}

return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;

static bool Take(List<string> arguments, string flag)
{
    int index = arguments.IndexOf(flag);
    if (index < 0)
    {
        return false;
    }

    arguments.RemoveAt(index);
    return true;
}
