using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using LowBit.Cli.Progress;
using LowBit.Data;
using LowBit.Manifest;
using LowBit.Runtime;

namespace LowBit.Cli.Commands;

/// <summary>
/// <c>lowbit eval &lt;file.lbq&gt; [--images … --labels …]</c>: classification accuracy of a manifest through the
/// reference interpreter — on the bundled held-out MNIST digits by default, or on any IDX image/label pair
/// (gzipped or not), e.g. the full MNIST test set.
/// </summary>
public static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The manifest (.lbq) to evaluate." };
        var images = new Option<string?>("--images") { Description = "IDX image file (.gz allowed); default: the bundled held-out MNIST digits." };
        var labels = new Option<string?>("--labels") { Description = "IDX label file matching --images." };
        var command = new Command("eval", "Accuracy of a manifest through the reference interpreter, on the bundled held-out MNIST digits or your IDX files.")
        {
            file,
            images,
            labels,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(file)!, parseResult.GetValue(images), parseResult.GetValue(labels)));
        return command;
    }

    public static int Run(CliContext context, string path, string? imagesPath, string? labelsPath)
    {
        if ((imagesPath is null) != (labelsPath is null))
        {
            return context.Fail("--images and --labels go together: give both IDX files, or neither for the bundled held-out digits");
        }

        foreach (var dataFile in new[] { imagesPath, labelsPath })
        {
            if (dataFile is not null && InputFile.Problem(dataFile, "an IDX file (.gz allowed)") is { } problem)
            {
                return context.Fail(problem);
            }
        }

        ReferenceInterpreter interpreter;
        MnistDataset data;
        string source;
        try
        {
            interpreter = new ReferenceInterpreter(ManifestReader.ReadFile(path));
            (data, source) = imagesPath is null
                ? (BundledMnist.Split().Test, "bundled MNIST, held-out split")
                : (MnistDataset.LoadIdx(imagesPath, labelsPath!), $"{imagesPath} + {labelsPath}");
        }
        catch (ManifestException e)
        {
            return context.Fail(e);
        }
        catch (Exception e) when (e is DatasetFormatException or IOException or UnauthorizedAccessException)
        {
            return context.Fail(e);
        }

        var pixels = data.GetImage(0).Length;
        if (interpreter.InputLength != pixels)
        {
            return context.Fail($"{path}: input: expected {pixels} values ({source} images are 28×28), the model takes {interpreter.InputLength} ({interpreter.Manifest.Input.Shape})");
        }

        var correct = 0;
        var progress = new LiveProgress(context.Output, context.OutputIsTerminal);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < data.Count; i++)
        {
            correct += interpreter.Classify(data.GetImage(i)) == data.GetLabel(i) ? 1 : 0;
            progress.Update("eval", i + 1, data.Count, "img", clock.Elapsed, string.Create(CultureInfo.InvariantCulture, $"accuracy {correct * 100.0 / (i + 1):F2} %"));
        }

        clock.Stop();
        progress.Clear();
        var accuracy = (double)correct / data.Count;
        var output = context.Output;
        output.WriteLine($"model: {interpreter.Manifest.Name} ({path})");
        output.WriteLine($"data: {source}, {data.Count.ToString("N0", CultureInfo.InvariantCulture)} images");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {accuracy * 100:F2} % ({correct} correct)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reference interpreter: {clock.Elapsed.TotalMilliseconds * 1000 / data.Count:F0} µs per image (the interpreter is the specification, not the fast path: compile the model with the generator for speed)"));
        return ExitCodes.Success;
    }
}
