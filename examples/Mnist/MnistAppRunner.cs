using System;
using System.Diagnostics;
using System.IO;

namespace Mnist;

/// <summary>
/// The last step of the main job: put the trained manifest where examples/MnistApp lists it as a
/// &lt;LowBitModel&gt;, then build and run that app — the build is where the source generator compiles the
/// manifest into C#, so the app's accuracy line comes from generated code, not from this process.
/// </summary>
internal static class MnistAppRunner
{
    private const string AppDirectory = "examples/MnistApp";

    public static string ModelPath(string repository) => Path.Combine(repository, AppDirectory, "models", "mnist_w2a2.lbq");

    /// <summary>The repository root: the first of the working directory and this program's folder
    /// (and their parents) that holds examples/MnistApp.</summary>
    public static string FindRepository()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, AppDirectory, "MnistApp.csproj")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"--app needs the LowBitCompiler repository: no {AppDirectory}/MnistApp.csproj above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}");
    }

    public static int BuildAndRun(string repository)
    {
        Console.WriteLine($"building {AppDirectory} (the generator compiles the manifest into C#) and running it:");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository, UseShellExecute = false };
        foreach (var argument in new[] { "run", "-c", "Release", "--project", AppDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        using var app = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        app.WaitForExit();
        return app.ExitCode;
    }
}
