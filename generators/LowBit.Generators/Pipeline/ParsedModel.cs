using System;

namespace LowBit.Generators;

/// <summary>
/// The result of reading one model: its plan (when valid) and its diagnostics. Equality ignores the
/// plan and compares the manifest's verified checksum instead, so Roslyn reuses the generated source
/// when a file is saved unchanged or only re-indented.
/// </summary>
internal sealed class ParsedModel : IEquatable<ParsedModel>
{
    public ParsedModel(string path, string className, string @namespace, bool optimizedBuild, string? checksum, ModelPlan? plan, EquatableArray<DiagnosticInfo> diagnostics)
    {
        Path = path;
        ClassName = className;
        Namespace = @namespace;
        OptimizedBuild = optimizedBuild;
        Checksum = checksum;
        Plan = plan;
        Diagnostics = diagnostics;
    }

    public string Path { get; }

    public string ClassName { get; }

    public string Namespace { get; }

    public string FullName => Namespace + "." + ClassName;

    /// <summary>Part of the identity: the same model is emitted differently for optimized builds.</summary>
    public bool OptimizedBuild { get; }

    public string? Checksum { get; }

    /// <summary>Null when the model has errors.</summary>
    public ModelPlan? Plan { get; }

    public EquatableArray<DiagnosticInfo> Diagnostics { get; }

    public bool Equals(ParsedModel? other) =>
        other is not null
        && Path == other.Path
        && ClassName == other.ClassName
        && Namespace == other.Namespace
        && Checksum == other.Checksum
        && OptimizedBuild == other.OptimizedBuild
        && Diagnostics.Equals(other.Diagnostics);

    public override bool Equals(object? obj) => Equals(obj as ParsedModel);

    public override int GetHashCode() => unchecked((Path.GetHashCode() * 31) + (Checksum?.GetHashCode() ?? 0));
}
