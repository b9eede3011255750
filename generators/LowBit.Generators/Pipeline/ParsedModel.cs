using System;

namespace LowBit.Generators;

/// <summary>
/// The result of reading one model: its plan (when valid) and its diagnostics. Equality ignores the
/// plan and compares the manifest's verified checksum instead, so Roslyn reuses the generated source
/// when a file is saved unchanged or only re-indented.
/// </summary>
internal sealed class ParsedModel : IEquatable<ParsedModel>
{
    public ParsedModel(string path, string className, string @namespace, string? checksum, ModelPlan? plan, EquatableArray<DiagnosticInfo> diagnostics)
    {
        Path = path;
        ClassName = className;
        Namespace = @namespace;
        Checksum = checksum;
        Plan = plan;
        Diagnostics = diagnostics;
    }

    public string Path { get; }

    public string ClassName { get; }

    public string Namespace { get; }

    public string FullName => Namespace + "." + ClassName;

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
        && (Plan?.OptimizedBuild ?? false) == (other.Plan?.OptimizedBuild ?? false)
        && Diagnostics.Equals(other.Diagnostics);

    public override bool Equals(object? obj) => Equals(obj as ParsedModel);

    public override int GetHashCode() => unchecked((Path.GetHashCode() * 31) + (Checksum?.GetHashCode() ?? 0));
}
