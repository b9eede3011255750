using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using LowBit.Data;
using LowBit.Manifest;
using LowBit.Onnx.Import;
using LowBit.Onnx.Numpy;
using LowBit.Runtime;

namespace LowBit.Cli.Commands;

/// <summary>
/// <c>lowbit import &lt;model.onnx&gt; [-o model.lbq] [--check] [--approximate [--calibrate x.npy]]</c>: streamlines a QONNX (Brevitas, FINN)
/// or ONNX int8 (QDQ or integer operators) model into a manifest, printing what it did per layer; refuses, in one line, what it cannot take exactly.
/// A float network, or one with float layers, is refused unless --approximate asks to quantize what is float to 8 bits and
/// report by how much it differs.
/// </summary>
public static class ImportCommand
{
    private const int RandomSamples = 1000;

    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The ONNX model to import: QONNX (Quant, BipolarQuant, MultiThreshold, Trunc; domains qonnx.custom_op.general, onnx.brevitas, finn) or ONNX int8 in QDQ/QCDQ form or with QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger." };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the manifest (default: the model's name with .lbq)." };
        var name = new Option<string?>("--name") { Description = "The manifest's model name (default: the file name)." };
        var check = new Option<bool>("--check") { Description = "Compare the imported model with a float evaluation of the ONNX graph on random inputs, and on the bundled MNIST digits when the input is 784 values." };
        var accept = new Option<bool>("--accept-input-differences") { Description = "Import even when the input quantizer cannot match the graph's on every float input; the differing inputs are printed." };
        var approximate = new Option<bool>("--approximate") { Description = "When the import cannot be exact because quantizers are missing (a float network, or float layers in a quantized one): insert 8-bit quantizers where there are none (weights per output channel, activations from calibrated ranges; an activation Quant the import refuses, e.g. 16-bit, is replaced), import that exactly, and print how far it is from the float graph on random inputs. An exact import is never approximated." };
        var calibrate = new Option<string?>("--calibrate") { Description = "With --approximate: a .npy of real inputs (first dimension the batch) whose activation ranges set the scales (`lowbit digits` writes MNIST digits); without it, random inputs uniform in [0, 1]." };
        var command = new Command("import", "Import a QONNX (Brevitas, FINN) or ONNX int8 (QDQ or integer operators) model as a manifest, exactly, or refuse and say why.")
        {
            model,
            output,
            name,
            check,
            accept,
            approximate,
            calibrate,
        };
        command.SetAction(parseResult => Run(
            context,
            parseResult.GetValue(model)!,
            parseResult.GetValue(output),
            parseResult.GetValue(name),
            parseResult.GetValue(check),
            parseResult.GetValue(accept),
            parseResult.GetValue(approximate),
            parseResult.GetValue(calibrate)));
        return command;
    }

    public static int Run(CliContext context, string model, string? output, string? name, bool check, bool acceptInputDifferences, bool approximate = false, string? calibrate = null)
    {
        try
        {
            if (calibrate is not null && !approximate)
            {
                return context.Fail("--calibrate sets the ranges of --approximate; give both.");
            }

            var graph = SourceGraph.Read(model);
            string modelName = name ?? SafeName(Path.GetFileNameWithoutExtension(model));
            var approximation = approximate ? new ApproximationOptions(Calibration: calibrate is null ? null : NpyFile.Read(calibrate), CalibrationName: calibrate) : null;
            var result = OnnxImporter.Import(graph, new ImportOptions(modelName, acceptInputDifferences, approximation));
            foreach (var line in result.Log)
            {
                context.Output.WriteLine(line);
            }

            var path = output ?? Path.ChangeExtension(model, ".lbq");
            ManifestWriter.WriteFile(result.Manifest, path);
            context.Output.WriteLine($"wrote {path}: {result.Manifest.Layers.Count} layers, input {result.Manifest.Input.Shape}, output {result.Manifest.OutputLayer.OutputShape}");
            if (check)
            {
                Check(context, graph, result.Manifest);
            }

            return ExitCodes.Success;
        }
        catch (OnnxImportException e)
        {
            return context.Fail(e.Message);
        }
        catch (ManifestException e)
        {
            return context.Fail(e);
        }
        catch (NpyFormatException e)
        {
            return context.Fail(e.Message);
        }
    }

    private static void Check(CliContext context, SourceGraph graph, ModelManifest manifest)
    {
        var random = ImportCheck.Compare(graph, manifest, ImportCheck.RandomInputs(manifest, RandomSamples, seed: 17), RandomSamples);
        context.Output.WriteLine($"check, {RandomSamples} random inputs over the input quantizer's range: {random}");
        if (manifest.Input.Shape.Length != MnistDataset.PixelsPerImage)
        {
            return;
        }

        // A graph that expects pixels 0…255 (FINN divides by 255 first) sees every [0, 1] digit as blank.
        if (InputQuantizer.Quantize(0f, manifest.Input.Levels) == InputQuantizer.Quantize(1f, manifest.Input.Levels))
        {
            context.Output.WriteLine("check, bundled MNIST digits: skipped, the model's input quantizer maps all of [0, 1] to one level (it expects another pixel range)");
        }
        else
        {
            var mnist = BundledMnist.Load();
            var digits = ImportCheck.Compare(graph, manifest, mnist.Pixels.ToArray(), mnist.Count, mnist.Labels.ToArray());
            context.Output.WriteLine($"check, {mnist.Count} bundled MNIST digits: {digits}");
        }
    }

    private static string SafeName(string fileName)
    {
        var safe = new string(fileName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_').ToArray());
        return safe.Length == 0 ? "imported" : safe[..Math.Min(safe.Length, 100)];
    }
}
