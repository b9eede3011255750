extern alias generator;

using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelGenerator = generator::LowBit.Generators.ModelGenerator;

namespace LowBit.Cli.Compilation;

/// <summary>
/// A manifest compiled the way a user's build compiles it — the same source generator, a Release compilation —
/// but in memory, and loaded into a collectible context that <see cref="Dispose"/> unloads. This is the code an
/// app would run, so <c>lowbit eval</c> measures it rather than the (slow, obviously correct) interpreter.
/// </summary>
public sealed class GeneratedModel : IDisposable
{
    private const string Namespace = "LowBit.Cli.Evaluated";
    private const string ClassName = "Model";

    private readonly AssemblyLoadContext _context;
    private readonly BatchPredict _predict;

    private GeneratedModel(AssemblyLoadContext context, object instance, Type type)
    {
        _context = context;
        InputLength = (int)type.GetField("InputLength")!.GetRawConstantValue()!;
        OutputLength = (int)type.GetField("OutputLength")!.GetRawConstantValue()!;
        var predict = type.GetMethod("Predict", new[] { typeof(ReadOnlySpan<float>), typeof(Span<float>), typeof(int) })!;
        _predict = predict.CreateDelegate<BatchPredict>(instance);
    }

    private delegate void BatchPredict(ReadOnlySpan<float> inputs, Span<float> outputs, int batch);

    public int InputLength { get; }

    public int OutputLength { get; }

    /// <summary>Generates, compiles and loads the model of <paramref name="manifestText"/>; a failure is a <see cref="ModelCompilationException"/>.</summary>
    public static GeneratedModel Compile(string manifestText, string path)
    {
        var compilation = CSharpCompilation.Create(
            "LowBit.Cli.Evaluated." + Guid.NewGuid().ToString("N"),
            Array.Empty<SyntaxTree>(),
            FrameworkReferences(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(
            new[] { new ModelGenerator().AsSourceGenerator() },
            new AdditionalText[] { new ModelText(path, manifestText) },
            new CSharpParseOptions(LanguageVersion.Latest),
            new ModelItemOptions(path, ClassName, Namespace));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        if (generatorDiagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } refused)
        {
            throw new ModelCompilationException($"{path}: the generator refused the model: {refused.Id} {refused.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        using var image = new MemoryStream();
        var emitted = generated.Emit(image);
        if (!emitted.Success)
        {
            var first = emitted.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
            throw new ModelCompilationException($"{path}: the generated code did not compile ({first.Id} {first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}); please report it, and use --interpreter meanwhile");
        }

        image.Position = 0;
        var context = new AssemblyLoadContext("lowbit " + Path.GetFileName(path), isCollectible: true);
        var type = context.LoadFromStream(image).GetType($"{Namespace}.{ClassName}", throwOnError: true)!;
        return new GeneratedModel(context, Activator.CreateInstance(type)!, type);
    }

    /// <summary>Runs <paramref name="batch"/> samples stored one after another; bit-identical to the interpreter per sample.</summary>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs, int batch) => _predict(inputs, outputs, batch);

    public void Dispose() => _context.Unload();

    /// <summary>The running framework's own assemblies: all generated code references.</summary>
    private static ImmutableArray<MetadataReference> FrameworkReferences()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(assembly => string.Equals(Path.GetDirectoryName(assembly), framework, StringComparison.Ordinal))
            .Select(assembly => (MetadataReference)MetadataReference.CreateFromFile(assembly))
            .ToImmutableArray();
    }
}
