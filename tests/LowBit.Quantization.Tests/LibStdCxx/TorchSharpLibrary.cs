using System;
using System.IO;

namespace LowBit.Quantization.Tests.LibStdCxx;

/// <summary>Where the unpatched TorchSharp native library is (the NuGet cache) and where the build put
/// its patched copy.</summary>
internal static class TorchSharpLibrary
{
    public const string FileName = "libLibTorchSharp.so";
    public const string MarkerVersion = "GLIBCXX_3.4.32";

    public static string InNuGetCache()
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var path = Path.Combine(root, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", FileName);
        Assert.True(File.Exists(path), $"TorchSharp's native library is not in the NuGet cache at {path}");
        return path;
    }

    public static string InBuildOutput() => Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", FileName);
}
