using System;
using System.IO;

namespace LowBit.TestModels;

/// <summary>Locates the repository (the folder holding LowBitCompiler.sln) from a test or benchmark binary, so it can read and regenerate committed files.</summary>
public static class RepositoryPaths
{
    private const string SolutionFile = "LowBitCompiler.sln";

    private static readonly Lazy<string> RootDirectory = new(() =>
        FindAbove(AppContext.BaseDirectory) ?? throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}."));

    /// <summary>The repository root above this binary; throws if there is none.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>A path below <see cref="Root"/>, given with '/' separators.</summary>
    public static string Combine(string relativePath) =>
        Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The nearest directory at or above <paramref name="start"/> holding LowBitCompiler.sln, or null.</summary>
    public static string? FindAbove(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
