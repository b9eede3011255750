using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LowBit.Generators;

/// <summary>The generator's source outputs: a model's files, its diagnostics, and the checks across models.</summary>
internal static class ModelOutput
{
    public static void Emit(SourceProductionContext context, ParsedModel model, ImmutableArray<ModelIdentity> all)
    {
        foreach (var diagnostic in model.Diagnostics)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        if (model.Plan is not { } plan)
        {
            EmitPlaceholder(context, model, all);
            return;
        }

        // Of several models making the same class, the first by path wins; the others report LBQ0005.
        var first = all.Where(m => m.IsValid && m.FullName == model.FullName).OrderBy(m => m.Path, System.StringComparer.Ordinal).First();
        if (first.Path != model.Path)
        {
            context.ReportDiagnostic(DiagnosticInfo.AtFileStart(DiagnosticDescriptors.DuplicateModel, model.Path, model.Path, model.FullName, first.Path).ToDiagnostic());
            return;
        }

        string prefix = HintPrefix(model.FullName, all);
        context.AddSource($"{prefix}.g.cs", ModelEmitter.Emit(plan));
        foreach (var layer in plan.Layers)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            context.AddSource($"{prefix}.{layer.Index:D3}.{HintSafe(layer.Layer.Id)}.g.cs", LayerFileEmitter.Emit(plan, layer));
        }
    }

    /// <summary>
    /// A failed model's placeholder class, unless another model (a compiled one first, then the first by path)
    /// already declares that class: two declarations would be a compiler error of their own.
    /// </summary>
    private static void EmitPlaceholder(SourceProductionContext context, ParsedModel model, ImmutableArray<ModelIdentity> all)
    {
        var owner = all.Where(m => m.DeclaresClass && m.FullName == model.FullName)
            .OrderBy(m => m.IsValid ? 0 : 1)
            .ThenBy(m => m.Path, System.StringComparer.Ordinal)
            .FirstOrDefault();
        if (owner is not null && owner.Path == model.Path && !owner.IsValid)
        {
            context.AddSource($"{HintPrefix(model.FullName, all)}.g.cs", ModelStubEmitter.Emit(model));
        }
    }

    /// <summary>The registry of every valid model of the compilation.</summary>
    public static void EmitRegistry(SourceProductionContext context, ImmutableArray<ModelIdentity> models)
    {
        var names = models.Where(m => m.IsValid).Select(m => m.FullName).Distinct().OrderBy(n => n, System.StringComparer.Ordinal).ToList();

        // With a failed model the registry exists too (without it), so code using it reports no errors of its own.
        if (models.Any(m => m.DeclaresClass))
        {
            context.AddSource(SharedSources.RegistryHintName, RegistryEmitter.Emit(names));
        }
    }

    /// <summary>
    /// The class name, unless another model's class differs from it only in case: C# tells those apart,
    /// but hint names (and the file names they become) compare ignoring case, and a clash would throw.
    /// Then the classes in ordinal order keep the name, add ".2", ".3", … (never an identifier, so never another model's name).
    /// </summary>
    private static string HintPrefix(string fullName, ImmutableArray<ModelIdentity> all)
    {
        var variants = all.Where(m => m.DeclaresClass && string.Equals(m.FullName, fullName, System.StringComparison.OrdinalIgnoreCase))
            .Select(m => m.FullName)
            .Distinct(System.StringComparer.Ordinal)
            .OrderBy(n => n, System.StringComparer.Ordinal)
            .ToList();
        int rank = variants.IndexOf(fullName);
        return rank <= 0 ? fullName : $"{fullName}.{rank + 1}";
    }

    private static string HintSafe(string id) => new(id.Select(c => char.IsLetterOrDigit(c) || c == '_' || c == '-' ? c : '_').ToArray());
}
