using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace LowBit.Generators.Tests;

/// <summary>Runs a program to completion and captures its output; instruction sets can only be switched off at process start.</summary>
internal static class ChildProcess
{
    public sealed record Result(int ExitCode, string Output);

    public static Result Run(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, int timeoutSeconds = 600)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(timeoutSeconds * 1000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeoutSeconds} s. Output so far:\n{stdout}");
        }

        return new Result(process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>The variable of a theory row's "NAME=value", or none for an empty string.</summary>
    public static Dictionary<string, string> Variables(string assignment)
    {
        var variables = new Dictionary<string, string>();
        foreach (var pair in assignment.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            variables[parts[0]] = parts[1];
        }

        return variables;
    }

    /// <summary>The first of <paramref name="names"/> found on PATH, or null.</summary>
    public static string? FindOnPath(params string[] names)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return names
            .SelectMany(name => directories.Select(directory => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
    }
}
