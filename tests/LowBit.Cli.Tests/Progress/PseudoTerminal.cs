using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace LowBit.Cli.Tests.Progress;

/// <summary>
/// Runs <c>lowbit</c> as its own process on a pseudo-terminal (util-linux <c>script</c>), so the CLI sees a real
/// terminal on stdout, and returns everything the terminal received.
/// </summary>
internal static class PseudoTerminal
{
    public static string RunLowbit(params string[] arguments)
    {
        var lowbit = Path.Combine(AppContext.BaseDirectory, "lowbit.dll");
        var command = string.Join(" ", new[] { "dotnet", lowbit }.Concat(arguments).Select(Quote));
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-qefc", command, "/dev/null" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("lowbit on a pseudo-terminal did not finish within 2 minutes");
        }

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}:\n{output}");
        return output;
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''") + "'";
}
