using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using LowBit.Manifest;

namespace LowBit.Generators.Tests;

/// <summary>
/// Models compiled by the generator in memory, all in one compilation (one Roslyn emit for many models is far
/// cheaper than one each), loaded into a collectible context and callable by model name. The generated
/// interface is internal, so a small public entry class compiled beside the models hands out delegates.
/// </summary>
internal sealed class LoadedModels : IDisposable
{
    private const string EntrySource = """
        public static class LoadedModelsEntry
        {
            public static System.Collections.Generic.Dictionary<string, System.Action<float[], float[]>> Predictors()
            {
                var predictors = new System.Collections.Generic.Dictionary<string, System.Action<float[], float[]>>();
                foreach (var model in global::LowBit.Generated.LowBitModels.CreateAll())
                {
                    predictors[model.Name] = (input, output) => model.Predict(input, output);
                }

                return predictors;
            }
        }
        """;

    private readonly AssemblyLoadContext _context;

    private LoadedModels(AssemblyLoadContext context, IReadOnlyDictionary<string, Action<float[], float[]>> predictors)
    {
        _context = context;
        Predictors = predictors;
    }

    /// <summary>Predict(input, output) of each model by its manifest name.</summary>
    public IReadOnlyDictionary<string, Action<float[], float[]>> Predictors { get; }

    /// <summary>Generates, compiles and loads; fails the test with the diagnostics if the generated code does not compile cleanly.</summary>
    public static LoadedModels Compile(IEnumerable<ModelManifest> manifests)
    {
        var items = manifests.Select(m => ModelItem.LowBitModel(ModelTexts.Directory + m.Name + ".lbq", ModelTexts.Json(m))).ToList();
        var run = new GeneratorHarness(items, new[] { EntrySource }, optimize: true).Run();
        run.AssertCleanCompilation();

        using var image = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(image);
        Assert.True(emitted.Success, GeneratorRun.Describe(emitted.Diagnostics));
        image.Position = 0;
        var context = new AssemblyLoadContext("LoadedModels", isCollectible: true);
        var entry = context.LoadFromStream(image).GetType("LoadedModelsEntry", throwOnError: true)!;
        var predictors = (Dictionary<string, Action<float[], float[]>>)entry.GetMethod("Predictors")!.Invoke(null, null)!;
        return new LoadedModels(context, predictors);
    }

    public void Dispose() => _context.Unload();
}
