using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LowBit.Generators;

/// <summary>
/// LBQ0004 when the user's own code already declares the class a model would generate, other than as
/// a partial class (which is how users are meant to extend a model). A cheap symbol lookup per model:
/// it runs on every edit, so it must stay one.
/// </summary>
internal static class ClassNameClash
{
    public static void Report(SourceProductionContext context, ImmutableArray<ModelIdentity> models, Compilation compilation)
    {
        foreach (var model in models.Where(m => m.IsValid))
        {
            var type = compilation.GetTypeByMetadataName(model.FullName);
            if (type is null || type.DeclaringSyntaxReferences.Length == 0)
            {
                continue;
            }

            bool partialClass = type.TypeKind == TypeKind.Class
                && type.DeclaringSyntaxReferences.All(r => r.GetSyntax(context.CancellationToken) is ClassDeclarationSyntax c && c.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partialClass)
            {
                var where = type.Locations.FirstOrDefault(l => l.IsInSource)?.SourceTree?.FilePath ?? "this project";
                context.ReportDiagnostic(DiagnosticInfo.AtFileStart(
                    DiagnosticDescriptors.ClassNameClash,
                    model.Path,
                    model.Path,
                    model.FullName,
                    $"is already declared in {where} (a model may only be extended by a partial class)").ToDiagnostic());
            }
        }
    }
}
