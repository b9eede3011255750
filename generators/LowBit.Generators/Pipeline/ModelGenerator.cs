using Microsoft.CodeAnalysis;

namespace LowBit.Generators;

/// <summary>
/// Compiles every &lt;LowBitModel&gt; of a project into a class with allocation-free, SIMD inference code.
/// The pipeline reads no syntax, so typing in the IDE never re-runs the expensive steps: a model is
/// parsed and emitted again only when its file or its item metadata changes.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ModelGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for incremental-caching tests.</summary>
    public static class Steps
    {
        public const string Requests = "LowBit.Requests";
        public const string Parsed = "LowBit.Parsed";
        public const string Identities = "LowBit.Identities";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(static post =>
        {
            post.AddSource(SharedSources.InterfaceHintName, SharedSources.InterfaceSource);
            post.AddSource(InputCheckSource.HintName, InputCheckSource.Source);
            foreach (var (hintName, source) in SharedSources.Kernels())
            {
                post.AddSource(hintName, source);
            }
        });

        var requests = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, _) => ModelRequest.TryCreate(pair.Left, pair.Right))
            .Where(static request => request is not null)
            .Select(static (request, _) => request!)
            .WithTrackingName(Steps.Requests);

        var parsed = requests
            .Select(static (request, cancellationToken) => ModelParser.Parse(request, cancellationToken))
            .WithTrackingName(Steps.Parsed);

        var identities = parsed
            .Select(static (model, _) => ModelIdentity.Of(model))
            .WithTrackingName(Steps.Identities)
            .Collect();

        context.RegisterSourceOutput(parsed.Combine(identities), static (output, pair) => ModelOutput.Emit(output, pair.Left, pair.Right));
        context.RegisterSourceOutput(identities, static (output, all) => ModelOutput.EmitRegistry(output, all));
        context.RegisterSourceOutput(identities.Combine(context.CompilationProvider), static (output, pair) => ClassNameClash.Report(output, pair.Left, pair.Right));
    }
}
