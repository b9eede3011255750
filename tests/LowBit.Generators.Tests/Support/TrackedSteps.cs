extern alias generator;

using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using generator::LowBit.Generators;
using Microsoft.CodeAnalysis;

namespace LowBit.Generators.Tests;

/// <summary>Reads the incremental driver's step tracking: why each step output was (or was not) recomputed.</summary>
internal static class TrackedSteps
{
    public const string Parsed = ModelGenerator.Steps.Parsed;

    public static readonly string[] PipelineSteps = { ModelGenerator.Steps.Requests, ModelGenerator.Steps.Parsed, ModelGenerator.Steps.Identities };

    public static bool IsReused(IncrementalStepRunReason reason) => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged;

    /// <summary>(model path, reason) of every output of a named pipeline step.</summary>
    public static IReadOnlyList<(string? Model, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string stepName) =>
        result.TrackedSteps[stepName].SelectMany(step => step.Outputs.Select(o => (ModelOf(o.Value), o.Reason))).ToList();

    /// <summary>
    /// (model path, reason) of every source output: the path of the model the output was made from, or
    /// null for outputs made from all models (registry, class-name checks).
    /// </summary>
    public static IReadOnlyList<(string? Model, IncrementalStepRunReason Reason)> SourceOutputs(GeneratorRunResult result) =>
        result.TrackedOutputSteps.Values.SelectMany(steps => steps)
            .SelectMany(step => step.Outputs.Select(o => (ModelOf(step), o.Reason)))
            .ToList();

    public static string Describe(IEnumerable<(string? Model, IncrementalStepRunReason Reason)> outputs) =>
        string.Join(", ", outputs.Select(o => $"{o.Model ?? "(all models)"}: {o.Reason}"));

    private static string? ModelOf(IncrementalGeneratorRunStep step)
    {
        foreach (var (source, index) in step.Inputs)
        {
            var value = source.Outputs[index].Value;
            if (value is IEnumerable and not string)
            {
                continue; // a collected array: made from all models
            }

            if ((ModelOf(value) ?? ModelOf(source)) is { } path)
            {
                return path;
            }
        }

        return null;
    }

    private static string? ModelOf(object? value) => value switch
    {
        ParsedModel model => model.Path,
        ModelRequest request => request.Path,
        ModelIdentity identity => identity.Path,
        ITuple tuple => Enumerable.Range(0, tuple.Length).Select(i => tuple[i] is ParsedModel or ModelRequest ? ModelOf(tuple[i]) : null).FirstOrDefault(p => p is not null),
        _ => null,
    };
}
