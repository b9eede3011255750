using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using LowBit.Manifest;
using Microsoft.CodeAnalysis;

namespace LowBit.Generators;

/// <summary>
/// Reads a model request into a <see cref="ParsedModel"/>. Never throws: every failure, expected or
/// not, becomes a diagnostic located in the model file.
/// </summary>
internal static class ModelParser
{
    public static ParsedModel Parse(ModelRequest request, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string? checksum = null;
        ModelPlan? plan = null;
        try
        {
            var text = request.Text.GetText(cancellationToken);
            if (text is null)
            {
                diagnostics.Add(DiagnosticInfo.AtFileStart(DiagnosticDescriptors.UnreadableModel, request.Path, request.Path, "a file that cannot be opened"));
            }
            else
            {
                CheckNames(request, diagnostics);
                var manifest = Read(request, text, diagnostics);
                if (manifest is not null)
                {
                    checksum = manifest.Checksum;
                    var problems = new List<(string Path, string Message)>();
                    var candidate = ModelPlanner.Plan(manifest, request.Path, request.ClassName, request.Namespace, request.OptimizedBuild, problems);
                    foreach (var (path, message) in problems)
                    {
                        diagnostics.Add(Located(DiagnosticDescriptors.UnsupportedModel, request.Path, text, path, message));
                    }

                    plan = diagnostics.Count == 0 ? candidate : null;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            diagnostics.Add(DiagnosticInfo.AtFileStart(DiagnosticDescriptors.InternalError, request.Path, request.Path, $"{e.GetType().Name}: {e.Message}"));
            plan = null;
        }

        return new ParsedModel(request.Path, request.ClassName, request.Namespace, request.OptimizedBuild, checksum, plan, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static ModelManifest? Read(ModelRequest request, Microsoft.CodeAnalysis.Text.SourceText text, List<DiagnosticInfo> diagnostics)
    {
        try
        {
            return ManifestReader.ReadText(text.ToString(), request.Path);
        }
        catch (ManifestException e)
        {
            diagnostics.AddRange(e.Errors.Select(error => Located(DescriptorFor(error.Kind), request.Path, text, error)));
            return null;
        }
    }

    private static void CheckNames(ModelRequest request, List<DiagnosticInfo> diagnostics)
    {
        if (!ModelNaming.IsValidIdentifier(request.ClassName))
        {
            diagnostics.Add(DiagnosticInfo.AtFileStart(DiagnosticDescriptors.ClassNameClash, request.Path, request.Path, request.ClassName, "is not a valid C# identifier"));
        }

        if (!ModelNaming.IsValidNamespace(request.Namespace))
        {
            diagnostics.Add(DiagnosticInfo.AtFileStart(DiagnosticDescriptors.ClassNameClash, request.Path, request.Path, request.FullName, $"would be in '{request.Namespace}', which is not a valid C# namespace"));
        }
        else if (SharedSources.IsSharedHintName(request.FullName + ".g.cs"))
        {
            diagnostics.Add(DiagnosticInfo.AtFileStart(DiagnosticDescriptors.ClassNameClash, request.Path, request.Path, request.FullName, "is the name of a type LowBit generates into every assembly"));
        }
    }

    private static DiagnosticDescriptor DescriptorFor(ManifestErrorKind kind) => kind switch
    {
        ManifestErrorKind.Corrupt => DiagnosticDescriptors.CorruptManifest,
        ManifestErrorKind.Unsupported => DiagnosticDescriptors.UnsupportedModel,
        _ => DiagnosticDescriptors.InvalidManifest,
    };

    private static DiagnosticInfo Located(DiagnosticDescriptor descriptor, string filePath, Microsoft.CodeAnalysis.Text.SourceText text, ManifestError error)
    {
        if (error.Position is not { } position)
        {
            return Located(descriptor, filePath, text, error.JsonPath, error.Message);
        }

        var (span, lineSpan) = TextPositionLocator.Locate(text, position);
        return DiagnosticInfo.Create(descriptor, filePath, span, lineSpan, filePath, error.JsonPath, error.Message);
    }

    private static DiagnosticInfo Located(DiagnosticDescriptor descriptor, string filePath, Microsoft.CodeAnalysis.Text.SourceText text, string jsonPath, string message)
    {
        var (span, lineSpan) = JsonPathLocator.Locate(text, jsonPath);
        return DiagnosticInfo.Create(descriptor, filePath, span, lineSpan, filePath, jsonPath, message);
    }
}
