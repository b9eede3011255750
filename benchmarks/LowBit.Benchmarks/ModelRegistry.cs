using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LowBit.Generated;
using LowBit.Manifest;

namespace LowBit.Benchmarks;

/// <summary>
/// The compiled models of this assembly and their manifests. Models are found by reflection rather than
/// through the generated <c>LowBitModels</c> registry, which the generator omits when Models/ is empty, so
/// <c>--write-models</c> still builds and runs with no models present.
/// </summary>
internal static class ModelRegistry
{
    private const string ResourcePrefix = "LowBit.Benchmarks.Models.";

    /// <summary>
    /// Model name (each generated class's ModelName constant) → generated model type, for every model compiled into
    /// this assembly. Nothing is instantiated here, so a first-call measurement sees a model's very first construction.
    /// </summary>
    private static readonly Dictionary<string, Type> Types = typeof(ModelRegistry).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && typeof(ILowBitModel).IsAssignableFrom(t))
        .ToDictionary(t => (string)t.GetField("ModelName")!.GetRawConstantValue()!, StringComparer.Ordinal);

    public static IEnumerable<string> Names => Types.Keys.OrderBy(n => n, StringComparer.Ordinal);

    public static ILowBitModel Create(string name) =>
        Types.TryGetValue(name, out var type)
            ? (ILowBitModel)Activator.CreateInstance(type)!
            : throw new ArgumentException($"No compiled model named \"{name}\"; the assembly has: {string.Join(", ", Names)}. Run --write-models and rebuild.", nameof(name));

    /// <summary>The manifest the model was compiled from (embedded, so the interpreter reads the very same file).</summary>
    public static ModelManifest Manifest(string name)
    {
        using var stream = typeof(ModelRegistry).Assembly.GetManifestResourceStream(ResourcePrefix + name + ".lbq")
            ?? throw new ArgumentException($"No embedded manifest {name}.lbq.", nameof(name));
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return ManifestReader.ReadBytes(buffer.ToArray(), name + ".lbq");
    }
}
