using System;
using System.IO;
using System.Linq;

namespace LowBit.Cli.Tests;

/// <summary>Runs <c>lowbit</c> in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode = LowBitCli.Run(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Lines(Output);

    public string[] ErrorLines => Lines(Error);

    /// <summary>The cells of the table row whose first cell is <paramref name="id"/>.</summary>
    public string[] Row(string id)
    {
        var rows = OutputLines.Select(Cells).Where(cells => cells.Length > 1 && cells[0] == id).ToArray();
        return rows.Length == 1
            ? rows[0]
            : throw new InvalidOperationException($"Expected one table row for \"{id}\", found {rows.Length} in:{Environment.NewLine}{Output}");
    }

    private static string[] Cells(string line) =>
        line.Split('│', '|').Select(cell => cell.Trim()).Skip(1).SkipLast(1).ToArray();

    private static string[] Lines(string text) =>
        text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0).ToArray();
}
