using System;
using System.IO;

namespace LowBit.Cli.Tests;

/// <summary>Locates the repository root from the test binary, so tests can read and regenerate committed examples.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    public static string Combine(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

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
