using System;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using LowBit.Cli.Compilation;
using LowBit.Cli.Progress;
using LowBit.Data;
using LowBit.Manifest;
using LowBit.Runtime;

namespace LowBit.Cli.Commands;

/// <summary>
/// <c>lowbit eval &lt;file.lbq&gt; [--images … --labels …] [--interpreter]</c>: classification accuracy of a manifest
/// through the code the generator makes of it (compiled in memory), or the reference interpreter with
/// <c>--interpreter</c> — on the bundled held-out MNIST digits by default, or on any IDX image/label pair
/// (gzipped or not), e.g. the full MNIST test set.
/// </summary>
public static class EvalCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The manifest (.lbq) to evaluate." };
        var images = new Option<string?>("--images") { Description = "IDX image file (.gz allowed); default: the bundled held-out MNIST digits." };
        var labels = new Option<string?>("--labels") { Description = "IDX label file matching --images." };
        var interpreterOption = new Option<bool>("--interpreter") { Description = "Run the reference interpreter (the specification) instead of the generated code." };
        var command = new Command("eval", "Accuracy of a manifest through its generated code (or --interpreter), on the bundled held-out MNIST digits or your IDX files.")
        {
            file,
            images,
            labels,
            interpreterOption,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(file)!, parseResult.GetValue(images), parseResult.GetValue(labels), parseResult.GetValue(interpreterOption)));
        return command;
    }

    public static int Run(CliContext context, string path, string? imagesPath, string? labelsPath, bool useInterpreter = false)
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
        string manifestText;
        MnistDataset data;
        string source;
        try
        {
            manifestText = Encoding.UTF8.GetString(ManifestReader.ReadFileBytes(path));
            interpreter = new ReferenceInterpreter(ManifestReader.ReadText(manifestText, path));
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

        GeneratedModel? generated = null;
        var compileClock = Stopwatch.StartNew();
        try
        {
            generated = useInterpreter ? null : GeneratedModel.Compile(manifestText, path);
        }
        catch (ModelCompilationException e)
        {
            return context.Fail(e.Message);
        }

        compileClock.Stop();
        using var unload = generated;
        PredictBatch predict = generated is not null ? generated.Predict : (inputs, outputs, batch) => PredictEach(interpreter, inputs, outputs, batch);
        var (correct, elapsed) = Count(context, predict, data, interpreter.OutputLength);
        var accuracy = (double)correct / data.Count;
        double microseconds = elapsed.TotalMilliseconds * 1000 / data.Count;
        var output = context.Output;
        output.WriteLine($"model: {interpreter.Manifest.Name} ({path})");
        output.WriteLine($"data: {source}, {data.Count.ToString("N0", CultureInfo.InvariantCulture)} images");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy: {accuracy * 100:F2} % ({correct} correct)"));
        output.WriteLine(generated is not null
            ? string.Create(CultureInfo.InvariantCulture, $"generated code: {microseconds:F1} µs per image (compiled in memory by the LowBit generator in {compileClock.Elapsed.TotalSeconds:F1} s; --interpreter runs the reference interpreter)")
            : string.Create(CultureInfo.InvariantCulture, $"reference interpreter: {microseconds:F0} µs per image (the interpreter is the specification, not the fast path; without --interpreter eval runs the generated code)"));
        return ExitCodes.Success;
    }

    private delegate void PredictBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int batch);

    /// <summary>Correct classifications over the whole set, predicted a chunk at a time so the progress line moves.</summary>
    private static (int Correct, TimeSpan Elapsed) Count(CliContext context, PredictBatch predict, MnistDataset data, int outputLength)
    {
        const int Chunk = 50;
        int pixels = data.GetImage(0).Length;
        var scores = new float[Chunk * outputLength];
        var progress = new LiveProgress(context.Output, context.OutputIsTerminal);
        var clock = Stopwatch.StartNew();
        int correct = 0;
        for (int start = 0; start < data.Count; start += Chunk)
        {
            int count = Math.Min(Chunk, data.Count - start);
            predict(data.Pixels.Slice(start * pixels, count * pixels), scores.AsSpan(0, count * outputLength), count);
            for (int k = 0; k < count; k++)
            {
                correct += ReferenceInterpreter.ArgMax(scores.AsSpan(k * outputLength, outputLength)) == data.GetLabel(start + k) ? 1 : 0;
            }

            int done = start + count;
            progress.Update("eval", done, data.Count, "img", clock.Elapsed, string.Create(CultureInfo.InvariantCulture, $"accuracy {correct * 100.0 / done:F2} %"));
        }

        clock.Stop();
        progress.Clear();
        return (correct, clock.Elapsed);
    }

    private static void PredictEach(ReferenceInterpreter interpreter, ReadOnlySpan<float> inputs, Span<float> outputs, int batch)
    {
        for (int s = 0; s < batch; s++)
        {
            interpreter.Predict(inputs.Slice(s * interpreter.InputLength, interpreter.InputLength), outputs.Slice(s * interpreter.OutputLength, interpreter.OutputLength));
        }
    }
}
