using System.Collections.Generic;
using System.Linq;
using LowBit.TestModels;

namespace LowBit.Generators.Tests;

/// <summary>Generated code compiles without a single warning, many models in one assembly, in Release and Debug data layouts.</summary>
public sealed class GeneratedCodeCompilationTests
{
    private static readonly string[] Families = { "all-ops/", "add/", "negated/", "grouped/", "depthwise/", "avgpool2d/", "maxpool2d/", "input/", "head/", "linear/" };

    /// <summary>The first catalog model of each family, under its catalog file name.</summary>
    private static IReadOnlyList<ModelItem> Models() =>
        Families
            .Select(family => ModelCatalog.All.First(m => m.Name.StartsWith(family, System.StringComparison.Ordinal)))
            .Select(m => ModelItem.LowBitModel(ModelTexts.Directory + CatalogModelFilesTests.FileNameOf(m), ModelTexts.Json(m.Manifest)))
            .ToList();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Catalog_models_together_compile_without_warnings(bool optimize)
    {
        var models = Models();

        var run = new GeneratorHarness(models, optimize: optimize).Run();

        run.AssertCleanCompilation();
        var registry = run.Sources[GeneratorRun.RegistryHintName];
        Assert.Equal(models.Count, run.ModelHintNames.Count(h => h.Split('.').Length == 4));
        Assert.All(run.ModelHintNames.Where(h => h.Split('.').Length == 4), h => Assert.Contains($"new global::{h[..^5]}()", registry));
    }

    [Fact]
    public void Unoptimized_build_keeps_constant_data_in_static_arrays()
    {
        var model = ModelItem.LowBitModel(ModelTexts.Directory + "worked_example.lbq", ModelTexts.Example("worked_example.lbq"));

        var debug = new GeneratorHarness(new[] { model }, optimize: false).Run();
        var release = new GeneratorHarness(new[] { model }, optimize: true).Run();

        var layer = "TestApp.WorkedExample.001.hidden.g.cs";
        Assert.Contains("private static readonly int[] s_layer1Thresholds", debug.Sources[layer]);
        Assert.DoesNotContain("static readonly", release.Sources[layer]);
    }
}
