using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LowBit.Generators.Tests;

/// <summary>Runs the dotnet CLI as a child process the way a user would, quietly and without build servers that outlive it.</summary>
internal static class DotnetCli
{
    public static ChildProcess.Result Run(string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, int timeoutSeconds = 600)
    {
        var variables = new Dictionary<string, string>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            // A reused MSBuild node would keep this process's output pipe open after the command returns.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        return ChildProcess.Run("dotnet", arguments, variables, workingDirectory, timeoutSeconds);
    }

    /// <summary>Lines of build output that report a warning (MSBuild's "0 Warning(s)" summary aside).</summary>
    public static IReadOnlyList<string> WarningLines(string output) =>
        output.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Contains("warning", StringComparison.OrdinalIgnoreCase))
            .Where(line => !Regex.IsMatch(line, @"^\s*0 Warning\(s\)\s*$"))
            .ToList();
}
