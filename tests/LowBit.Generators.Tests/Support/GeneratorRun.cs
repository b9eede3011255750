using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LowBit.Generators.Tests;

/// <summary>The outcome of one driver run: generated sources, the generator's diagnostics, and the compilation with the sources added.</summary>
internal sealed class GeneratorRun
{
    /// <summary>Hint names of the sources every compilation gets (kernels, interface, registry) start with this.</summary>
    public const string SharedPrefix = "LowBit.Generated.";

    public const string RegistryHintName = "LowBit.Generated.LowBitModels.g.cs";

    public GeneratorRun(GeneratorDriverRunResult runResult, Compilation outputCompilation, ImmutableArray<Diagnostic> driverDiagnostics)
    {
        RunResult = runResult;
        OutputCompilation = outputCompilation;
        DriverDiagnostics = driverDiagnostics;
        Sources = Result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
    }

    public GeneratorDriverRunResult RunResult { get; }

    public GeneratorRunResult Result => Assert.Single(RunResult.Results);

    public Compilation OutputCompilation { get; }

    /// <summary>What the driver reported: the generator's diagnostics, plus CS8785 if the generator threw.</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; }

    /// <summary>The generator's own diagnostics.</summary>
    public ImmutableArray<Diagnostic> Diagnostics => Result.Diagnostics;

    /// <summary>Generated source text by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>Hint names of the per-model files (main file and layers), in order.</summary>
    public IReadOnlyList<string> ModelHintNames =>
        Sources.Keys.Where(h => !h.StartsWith(SharedPrefix, StringComparison.Ordinal)).OrderBy(h => h, StringComparer.Ordinal).ToList();

    /// <summary>Warnings and errors of the output compilation (user code plus everything generated).</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join(Environment.NewLine, diagnostics.Select(d => d.ToString()).DefaultIfEmpty("(none)"));

    /// <summary>The only generator diagnostic; fails listing them all otherwise.</summary>
    public Diagnostic SingleDiagnostic()
    {
        Assert.True(Diagnostics.Length == 1, $"Expected one diagnostic, found {Diagnostics.Length}:{Environment.NewLine}{Describe(Diagnostics)}");
        return Diagnostics[0];
    }

    /// <summary>Fails unless the generator ran without an exception and the output compiles without warnings.</summary>
    public void AssertCleanCompilation()
    {
        Assert.Null(Result.Exception);
        Assert.True(Diagnostics.IsEmpty, "Generator diagnostics:" + Environment.NewLine + Describe(Diagnostics));
        var problems = CompilationProblems;
        Assert.True(problems.Count == 0, $"{problems.Count} compiler warnings/errors, first 20:{Environment.NewLine}{Describe(problems.Take(20))}");
    }
}
