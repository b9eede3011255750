using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using LowBit.Manifest;
using LowBit.Onnx;
using LowBit.Quantization.Export;
using LowBit.Quantization.Training;

namespace LowBit.Cli.Commands;

/// <summary>
/// <c>lowbit export &lt;checkpoint|model.lbq&gt; [--out file] [--onnx [--flavor exact|float|qdq|qcdq]]</c>: the manifest
/// of a model saved by <c>lowbit train --checkpoint</c>, or an ONNX model of a checkpoint or a manifest.
/// </summary>
public static class ExportCommand
{
    private const string CheckpointOrManifest = "a checkpoint (written by lowbit train --checkpoint) or a manifest";

    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "A checkpoint written by lowbit train --checkpoint (the file, with its .json beside it), or with --onnx also a manifest (.lbq)." };
        var output = new Option<string?>("--out") { Description = "Where to write (default: the input's name with .lbq, or .<flavor>.onnx with --onnx)." };
        var onnx = new Option<bool>("--onnx") { Description = "Write an ONNX model (opset 17) instead of a manifest." };
        var flavor = new Option<string>("--flavor")
        {
            Description = "With --onnx: exact (reproduces the integer model), float (the dequantized float model) qdq (float with 8-bit QuantizeLinear/DequantizeLinear) or qcdq (int8 on the manifest's own levels, exact in ONNX Runtime when every layer's thresholds are equally spaced).",
            DefaultValueFactory = _ => "exact",
        };
        var command = new Command("export", "Export the manifest (.lbq) of a trained checkpoint, or an ONNX model of a checkpoint or manifest.")
        {
            model,
            output,
            onnx,
            flavor,
        };
        command.SetAction(parseResult =>
        {
            if (!parseResult.GetValue(onnx))
            {
                return parseResult.GetResult(flavor) is { Implicit: false }
                    ? context.Fail("--flavor applies to ONNX export: add --onnx")
                    : Run(context, parseResult.GetValue(model)!, parseResult.GetValue(output));
            }

            return RunOnnx(context, parseResult.GetValue(model)!, parseResult.GetValue(output), parseResult.GetValue(flavor)!);
        });
        return command;
    }

    public static int Run(CliContext context, string checkpoint, string? output)
    {
        if (InputFile.Problem(checkpoint, CheckpointOrManifest) is { } problem)
        {
            return context.Fail(problem);
        }

        if (InputFile.StartsLikeJson(checkpoint))
        {
            return context.Fail($"{checkpoint}: already a manifest; add --onnx to write it as an ONNX model");
        }

        return Guarded(context, checkpoint, () =>
        {
            var (manifest, method, bits) = ExportCheckpoint(checkpoint);
            var path = output ?? Path.ChangeExtension(checkpoint, ".lbq");
            ManifestWriter.WriteFile(manifest, path);
            context.Output.WriteLine($"exported {path} ({Bytes(path)} bytes) from {checkpoint} ({method} {bits})");
        });
    }

    public static int RunOnnx(CliContext context, string model, string? output, string flavorName)
    {
        OnnxFlavor flavor;
        switch (flavorName.ToLowerInvariant())
        {
            case "exact": flavor = OnnxFlavor.Exact; break;
            case "float": flavor = OnnxFlavor.Float; break;
            case "qdq": flavor = OnnxFlavor.Qdq; break;
            case "qcdq": flavor = OnnxFlavor.Qcdq; break;
            default: return context.Fail($"--flavor: expected exact, float, qdq or qcdq, found '{flavorName}'");
        }

        if (InputFile.Problem(model, CheckpointOrManifest) is { } problem)
        {
            return context.Fail(problem);
        }

        return Guarded(context, model, () =>
        {
            // A checkpoint's manifest goes through its sealed bytes so the ONNX model names the same checksum as the .lbq file would.
            var manifest = InputFile.StartsLikeJson(model)
                ? ManifestReader.ReadFile(model)
                : ManifestReader.ReadBytes(ManifestWriter.ToUtf8(ExportCheckpoint(model).Manifest), model);
            var export = OnnxExporter.Export(manifest, flavor);
            // Each flavor is a different model: by default they go to different files.
            var path = output ?? Path.ChangeExtension(model, $".{flavor.ToString().ToLowerInvariant()}.onnx");
            export.WriteFile(path);
            foreach (var warning in export.Warnings)
            {
                context.Error.WriteLine("warning: " + warning);
            }

            context.Output.WriteLine($"exported {path} ({Bytes(path)} bytes, ONNX opset {OnnxExporter.Opset}, {flavor.ToString().ToLowerInvariant()}) from {model}: input '{export.InputName}' [batch, {string.Join(", ", manifest.Input.Shape.ToArray())}], output '{export.OutputName}'");
        });
    }

    private static (ModelManifest Manifest, string Method, string Bits) ExportCheckpoint(string checkpoint)
    {
        var (model, method, bits) = MnistCheckpoint.Load(checkpoint);
        if (string.Equals(method, MnistExperiment.Float, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{checkpoint}: an fp32 model has no integer manifest; train with a quantization method");
        }

        return (ManifestExporter.Export(model, MnistExperiment.NameOf(method, bits, null, MnistCheckpoint.ArchitectureOf(checkpoint)), TensorShape.Chw(1, 28, 28)), method, bits.ToString());
    }

    private static int Guarded(CliContext context, string input, Action export)
    {
        try
        {
            export();
            return ExitCodes.Success;
        }
        catch (ManifestException e)
        {
            return context.Fail(e);
        }
        catch (ExportException e)
        {
            return context.Fail($"{input}: {e.Message}");
        }
        catch (NotSupportedException e)
        {
            // A flavor that cannot express this manifest (qcdq: thresholds no linear requantization reproduces).
            return context.Fail($"{input}: {e.Message}");
        }
        catch (FileNotFoundException e) when (e.FileName is null)
        {
            // MnistCheckpoint's own message: which of the checkpoint's two files is missing.
            return context.Fail(e.Message);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or FormatException)
        {
            return context.Fail(e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.Fail($"{input}: {IoProblems.Describe(e)}");
        }
    }

    private static string Bytes(string path) => new FileInfo(path).Length.ToString("N0", CultureInfo.InvariantCulture);
}
