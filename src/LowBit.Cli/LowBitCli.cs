using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.IO;
using LowBit.Cli.Commands;

namespace LowBit.Cli;

/// <summary>
/// The <c>lowbit</c> command line. <see cref="Run"/> is the whole program with its output streams as
/// parameters, so tests run commands in-process. Each command lives in its own class under Commands/
/// and is registered in <see cref="CreateRootCommand"/>.
/// </summary>
public static class LowBitCli
{
    /// <summary>Parses and runs a command line; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args is null)
        {
            throw new ArgumentNullException(nameof(args));
        }

        var context = new CliContext(stdout, stderr);
        var root = CreateRootCommand(context);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // One line and where to look, not the whole usage text: the error is what the user needs to see.
            // A word the parser did not recognise explains the mistake better than what it then found missing.
            var problem = parseResult.UnmatchedTokens.Count > 0
                ? $"unknown command, option or argument '{parseResult.UnmatchedTokens[0]}'"
                : parseResult.Errors[0].Message;
            stderr.WriteLine($"error: {CliContext.OneLine(problem)} (see '{CommandPath(parseResult.CommandResult)} --help')");
            return ExitCodes.Usage;
        }

        try
        {
            return parseResult.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            // A failure no command anticipated is a bug: one line to report, not a stack trace to scroll past.
            stderr.WriteLine($"error: '{CommandPath(parseResult.CommandResult)}' failed unexpectedly ({e.GetType().Name}); please report it with the command line");
            return ExitCodes.Failure;
        }
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult current; result = current.Parent)
        {
            names.Insert(0, current.Parent is null ? "lowbit" : current.Command.Name);
        }

        return string.Join(" ", names);
    }

    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand("LowBit: low-bit neural network manifests (.lbq) — train, export, inspect, seal, evaluate and study them.");
        root.Subcommands.Add(InspectCommand.Create(context));
        root.Subcommands.Add(SealCommand.Create(context));
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(EvalCommand.Create(context));
        root.Subcommands.Add(StudyCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(RunCommand.Create(context));
        root.Subcommands.Add(DigitsCommand.Create(context));
        return root;
    }
}
