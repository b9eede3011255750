using System;
using System.Collections.Generic;
using System.Diagnostics;

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
}
