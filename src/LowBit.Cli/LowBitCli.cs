using System;
using System.CommandLine;
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
            // System.CommandLine prints the errors and the usage; send both to stderr.
            parseResult.Invoke(new InvocationConfiguration { Output = stderr, Error = stderr });
            return ExitCodes.Usage;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
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
        return root;
    }
}
