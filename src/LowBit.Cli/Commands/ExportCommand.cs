using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using LowBit.Manifest;
using LowBit.Quantization.Export;
using LowBit.Quantization.Training;

namespace LowBit.Cli.Commands;

/// <summary><c>lowbit export &lt;checkpoint&gt; [--out file.lbq]</c>: the manifest of a model saved by
/// <c>lowbit train --checkpoint</c>.</summary>
public static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = "A checkpoint written by lowbit train --checkpoint (the file, with its .json beside it)." };
        var output = new Option<string?>("--out") { Description = "Where to write the manifest (default: the checkpoint's name with .lbq)." };
        var command = new Command("export", "Export the manifest (.lbq) of a trained checkpoint.")
        {
            checkpoint,
            output,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(checkpoint)!, parseResult.GetValue(output)));
        return command;
    }

    public static int Run(CliContext context, string checkpoint, string? output)
    {
        try
        {
            var (model, method, bits) = MnistCheckpoint.Load(checkpoint);
            if (string.Equals(method, MnistExperiment.Float, StringComparison.OrdinalIgnoreCase))
            {
                return context.Fail($"{checkpoint}: an fp32 model has no integer manifest; train with a quantization method");
            }

            var manifest = ManifestExporter.Export(model, MnistExperiment.NameOf(method, bits, null), TensorShape.Chw(1, 28, 28));
            var path = output ?? Path.ChangeExtension(checkpoint, ".lbq");
            ManifestWriter.WriteFile(manifest, path);
            context.Output.WriteLine($"exported {path} ({new FileInfo(path).Length.ToString("N0", CultureInfo.InvariantCulture)} bytes) from {checkpoint} ({method} {bits})");
            return ExitCodes.Success;
        }
        catch (ExportException e)
        {
            return context.Fail($"{checkpoint}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException or FormatException)
        {
            return context.Fail(e.Message);
        }
    }
}
