using System;
using System.IO;

namespace LowBit.Generators.Tests;

/// <summary>Locates the repository from the test binary.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    public static string CatalogModels => Path.Combine(Root, "tests", "LowBit.BitExact", "Models");

    /// <summary>The runner's build output for the configuration these tests were built in.</summary>
    public static string BitExactRunner
    {
        get
        {
            // …/tests/LowBit.Generators.Tests/bin/<Configuration>/net10.0/ → the same under LowBit.BitExact.
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            return Path.Combine(Root, "tests", "LowBit.BitExact", "bin", configuration, framework.Name, "LowBit.BitExact.dll");
        }
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LowBitCompiler.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No LowBitCompiler.sln above {AppContext.BaseDirectory}.");
    }
}
