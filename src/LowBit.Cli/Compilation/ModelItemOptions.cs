using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LowBit.Cli.Compilation;

/// <summary>
/// What MSBuild hands the compiler for one <c>&lt;LowBitModel Include="…" ClassName="…" Namespace="…" /&gt;</c> in a
/// Release build, so the generator runs in memory exactly as it runs in a user's build.
/// </summary>
internal sealed class ModelItemOptions : AnalyzerConfigOptionsProvider
{
    private readonly string _modelPath;
    private readonly Options _item;

    public ModelItemOptions(string modelPath, string className, string @namespace)
    {
        _modelPath = modelPath;
        _item = new Options(new Dictionary<string, string>
        {
            ["build_metadata.AdditionalFiles.SourceItemType"] = "LowBitModel",
            ["build_metadata.AdditionalFiles.ClassName"] = className,
            ["build_metadata.AdditionalFiles.Namespace"] = @namespace,
        });
        GlobalOptions = new Options(new Dictionary<string, string> { ["build_property.Optimize"] = "true" });
    }

    public override AnalyzerConfigOptions GlobalOptions { get; }

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        string.Equals(textFile.Path, _modelPath, StringComparison.Ordinal) ? _item : Options.None;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options None = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values)
        {
            _values = new Dictionary<string, string>(values, KeyComparer);
        }

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
    }
}
