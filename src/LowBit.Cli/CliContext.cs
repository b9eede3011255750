using System;
using System.IO;
using LowBit.Manifest;
using Spectre.Console;

namespace LowBit.Cli;

/// <summary>Where a command writes: its output and error streams, and a Spectre console on the output.</summary>
public sealed class CliContext
{
    /// <summary>Width of tables written to a file, a pipe or a test's writer, so nothing wraps.</summary>
    public const int RedirectedWidth = 160;

    public CliContext(TextWriter output, TextWriter error)
    {
        Output = output ?? throw new ArgumentNullException(nameof(output));
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    /// <summary>True when the output is the process's own console window (colors and its real width apply).</summary>
    public bool OutputIsTerminal => ReferenceEquals(Output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>A Spectre console writing to <see cref="Output"/>: plain text unless the output is a terminal.</summary>
    public IAnsiConsole CreateConsole()
    {
        bool terminal = OutputIsTerminal;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Output),
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>Reports a failure as one line on the error stream: <c>error: file: $.path: expected …</c>.</summary>
    public int Fail(ManifestException exception) => Fail(exception.First.ToString());

    /// <summary>
    /// Reports an expected failure (a bad option value, unreadable data) as one line: our own exceptions'
    /// messages as they are, without the "(Parameter 'name')" that ArgumentException appends; file-system
    /// errors in our words.
    /// </summary>
    public int Fail(Exception exception) => Fail(MessageOf(exception));

    /// <summary>Reports a failure as one line on the error stream, prefixed <c>error: </c>.</summary>
    public int Fail(string message)
    {
        Error.WriteLine("error: " + OneLine(message));
        return ExitCodes.Failure;
    }

    private static string MessageOf(Exception exception) => exception switch
    {
        ManifestException manifest => manifest.First.ToString(),
        ArgumentException { ParamName: { } name } argument => argument.Message.Replace($" (Parameter '{name}')", string.Empty),
        ArgumentException or FormatException or InvalidDataException or LowBit.Data.DatasetFormatException => exception.Message,
        IOException or UnauthorizedAccessException => IoProblems.Describe(exception),
        _ => exception.Message,
    };

    internal static string OneLine(string text) => text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
}
