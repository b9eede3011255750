extern alias generator;

using System;
using System.IO;
using System.Linq;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Generators.Tests;

/// <summary>
/// The bit-exact runner compiles the catalog from committed files (a generator reads files, not
/// objects). These tests keep the files equal to the catalog; LOWBIT_ACCEPT=1 rewrites them.
/// </summary>
public sealed class CatalogModelFilesTests
{
    public static string FileNameOf(TestModel model) => model.Name.Replace('/', '.') + ".lbq";

    [Fact]
    public void Committed_catalog_files_equal_the_catalog()
    {
        var directory = RepositoryPaths.Combine("tests/LowBit.BitExact/Models");
        bool accept = Environment.GetEnvironmentVariable("LOWBIT_ACCEPT") == "1";
        if (accept)
        {
            Directory.CreateDirectory(directory);
            foreach (var stale in Directory.GetFiles(directory, "*.lbq"))
            {
                File.Delete(stale);
            }
        }

        var stalePaths = ModelCatalog.All
            .Where(model =>
            {
                var path = Path.Combine(directory, FileNameOf(model));
                var json = ManifestWriter.ToJson(model.Manifest).Replace("\r\n", "\n");
                if (accept)
                {
                    File.WriteAllText(path, json);
                }

                return !File.Exists(path) || File.ReadAllText(path).Replace("\r\n", "\n") != json;
            })
            .Select(FileNameOf)
            .ToList();

        Assert.True(stalePaths.Count == 0, $"{stalePaths.Count} catalog files are missing or stale (first: {stalePaths.FirstOrDefault()}); run the tests with LOWBIT_ACCEPT=1 to rewrite them.");
        Assert.Equal(ModelCatalog.All.Count, Directory.GetFiles(directory, "*.lbq").Length);
    }

    [Fact]
    public void Catalog_file_names_give_distinct_class_names()
    {
        var classNames = ModelCatalog.All.Select(m => ClassNameOf(FileNameOf(m))).ToList();

        Assert.Equal(classNames.Count, classNames.Distinct(StringComparer.Ordinal).Count());
    }

    /// <summary>The generator's default class name for a file (mirrors ModelNaming, which the alias hides).</summary>
    private static string ClassNameOf(string fileName) => generator::LowBit.Generators.ModelNaming.ClassNameFromPath(fileName);
}
