using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LowBit.Generators;

/// <summary>
/// One &lt;LowBitModel&gt; item: the file and the names the user asked for. Equal requests share the
/// same <see cref="AdditionalText"/> instance, which Roslyn keeps while the file is unchanged, so an
/// unchanged model is never parsed again.
/// </summary>
internal sealed class ModelRequest : IEquatable<ModelRequest>
{
    private const string ItemTypeKey = "build_metadata.AdditionalFiles.SourceItemType";
    private const string ClassNameKey = "build_metadata.AdditionalFiles.ClassName";
    private const string NamespaceKey = "build_metadata.AdditionalFiles.Namespace";
    private const string RootNamespaceKey = "build_property.RootNamespace";
    private const string OptimizeKey = "build_property.Optimize";

    private ModelRequest(AdditionalText text, string className, string @namespace, bool optimizedBuild)
    {
        Text = text;
        ClassName = className;
        Namespace = @namespace;
        OptimizedBuild = optimizedBuild;
    }

    public AdditionalText Text { get; }

    public string Path => Text.Path;

    public string ClassName { get; }

    public string Namespace { get; }

    public string FullName => Namespace + "." + ClassName;

    /// <summary>Whether the compilation is optimized (Release); unknown counts as optimized.</summary>
    public bool OptimizedBuild { get; }

    public static ModelRequest? TryCreate(AdditionalText text, AnalyzerConfigOptionsProvider options)
    {
        var fileOptions = options.GetOptions(text);
        if (!fileOptions.TryGetValue(ItemTypeKey, out var itemType) || !string.Equals(itemType, "LowBitModel", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var className = NonEmpty(fileOptions, ClassNameKey) ?? ModelNaming.ClassNameFromPath(text.Path);
        var @namespace = NonEmpty(fileOptions, NamespaceKey)
            ?? NonEmpty(options.GlobalOptions, RootNamespaceKey)
            ?? ModelNaming.DefaultNamespace;
        bool optimized = !options.GlobalOptions.TryGetValue(OptimizeKey, out var optimize) || !string.Equals(optimize, "false", StringComparison.OrdinalIgnoreCase);
        return new ModelRequest(text, className, @namespace, optimized);
    }

    public bool Equals(ModelRequest? other) =>
        other is not null
        && ReferenceEquals(Text, other.Text)
        && ClassName == other.ClassName
        && Namespace == other.Namespace
        && OptimizedBuild == other.OptimizedBuild;

    public override bool Equals(object? obj) => Equals(obj as ModelRequest);

    public override int GetHashCode() => unchecked((Path.GetHashCode() * 31) + FullName.GetHashCode());

    private static string? NonEmpty(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
