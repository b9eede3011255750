extern alias generator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using generator::LowBit.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LowBit.Generators.Tests;

/// <summary>
/// Runs <see cref="ModelGenerator"/> in-process with <see cref="CSharpGeneratorDriver"/>, the way the
/// compiler does: model files as additional texts, item metadata and build properties as analyzer
/// config options, step tracking on. Keep one harness to run the driver again for incremental tests.
/// </summary>
internal sealed class GeneratorHarness
{
    public const string RootNamespaceKey = "build_property.RootNamespace";
    public const string OptimizeKey = "build_property.Optimize";
    public const string DefaultRootNamespace = "TestApp";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray());

    public GeneratorHarness(IEnumerable<ModelItem> items, IEnumerable<string>? userSources = null, bool? optimize = null, string? rootNamespace = DefaultRootNamespace)
    {
        var itemList = items.ToList();
        var globalOptions = new Dictionary<string, string>();
        if (rootNamespace is not null)
        {
            globalOptions[RootNamespaceKey] = rootNamespace;
        }

        if (optimize is bool optimized)
        {
            globalOptions[OptimizeKey] = optimized ? "true" : "false";
        }

        Compilation = CreateCompilation(userSources ?? Array.Empty<string>());
        Driver = CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            itemList.Select(i => i.Text),
            ParseOptions,
            new TestOptionsProvider(globalOptions, itemList),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>The user's compilation; replace it to simulate an edit of the user's code.</summary>
    public CSharpCompilation Compilation { get; set; }

    public GeneratorDriver Driver { get; private set; }

    /// <summary>One run of a fresh harness.</summary>
    public static GeneratorRun RunOnce(params ModelItem[] items) => new GeneratorHarness(items).Run();

    /// <summary>A compilation of the given sources (file i is "User{i}.cs"), as a Release library with nullable enabled.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources) =>
        CSharpCompilation.Create(
            "LowBit.Generators.Tests.Output",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"User{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                optimizationLevel: OptimizationLevel.Release));

    /// <summary>Runs the generators on <see cref="Compilation"/>; the driver keeps its state for the next run.</summary>
    public GeneratorRun Run()
    {
        Driver = Driver.RunGeneratorsAndUpdateCompilation(Compilation, out var output, out var diagnostics);
        return new GeneratorRun(Driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>What the IDE does when a model file is saved: the same path, a new text.</summary>
    public void ReplaceText(AdditionalText old, AdditionalText replacement) => Driver = Driver.ReplaceAdditionalText(old, replacement);
}
