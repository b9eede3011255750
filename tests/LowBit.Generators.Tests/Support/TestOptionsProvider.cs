using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LowBit.Generators.Tests;

/// <summary>
/// What MSBuild hands the compiler as .globalconfig: global properties, and metadata per additional
/// file. Metadata is keyed by path, so a replaced text at the same path keeps its item metadata.
/// </summary>
internal sealed class TestOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly Dictionary<string, AnalyzerConfigOptions> _byPath;

    public TestOptionsProvider(IReadOnlyDictionary<string, string> globalOptions, IEnumerable<ModelItem> items)
    {
        GlobalOptions = new TestAnalyzerConfigOptions(globalOptions);
        _byPath = items.ToDictionary(i => i.Text.Path, i => (AnalyzerConfigOptions)new TestAnalyzerConfigOptions(i.Metadata));
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => TestAnalyzerConfigOptions.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        _byPath.TryGetValue(textFile.Path, out var options) ? options : TestAnalyzerConfigOptions.Empty;
}
