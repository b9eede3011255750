using System;
using System.IO;

namespace LowBit.ArmCost;

/// <summary>The repository root: the first directory above this program (or the current one) holding LowBitCompiler.sln.</summary>
public static class RepositoryRoot
{
    public static string Find() =>
        Above(AppContext.BaseDirectory) ?? Above(Directory.GetCurrentDirectory())
        ?? throw new ArmCostException("Cannot find the repository (no LowBitCompiler.sln above this program or the current directory).");

    public static string Combine(params string[] parts) => Path.Combine(Find(), Path.Combine(parts));

    private static string? Above(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LowBitCompiler.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
