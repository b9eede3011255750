using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using LowBit.Data;
using LowBit.Onnx.Numpy;

namespace LowBit.Cli.Commands;

/// <summary>
/// <c>lowbit digits -o x.npy [--labels y.npy] [--split train|test|all] [--count N]</c>: the bundled MNIST digits as
/// NumPy arrays, so that real inputs are at hand for <c>import --calibrate</c>, <c>run --input</c> and the user's own
/// framework without downloading anything.
/// </summary>
public static class DigitsCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--output", "-o") { Description = "Write the images as float32 [count, 1, 28, 28], pixels in [0, 1].", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Also write the labels as float32 [count]." };
        var split = new Option<string>("--split") { Description = "train (the 8,000 digits training uses), test (the 2,000 held out) or all (the 10,000 in bundled order).", DefaultValueFactory = _ => "test" };
        var count = new Option<int?>("--count") { Description = "Only N digits, evenly spaced through the split (every class: the bundle is sorted by label)." };
        var command = new Command("digits", "Write the bundled MNIST digits as .npy (float32 [N, 1, 28, 28]), e.g. for import --calibrate or run --input.")
        {
            output,
            labels,
            split,
            count,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(output)!, parseResult.GetValue(labels), parseResult.GetValue(split)!, parseResult.GetValue(count)));
        return command;
    }

    public static int Run(CliContext context, string output, string? labelsPath, string split, int? count = null)
    {
        MnistDataset? digits = split switch
        {
            "train" => BundledMnist.Split().Train,
            "test" => BundledMnist.Split().Test,
            "all" => BundledMnist.Load(),
            _ => null,
        };
        if (digits is null)
        {
            return context.Fail($"--split {split}: expected train, test or all.");
        }

        if (count is < 1 || count > digits.Count)
        {
            return context.Fail($"--count {count}: expected 1 to {digits.Count}, the digits in {(split == "all" ? "the bundle" : $"the {split} split")}.");
        }

        var chosen = count is { } n ? digits.EvenlySpaced(n) : digits;
        var written = Write(context, output, () => NpyFile.WriteFloat32(output, new[] { chosen.Count, 1, MnistDataset.ImageHeight, MnistDataset.ImageWidth }, chosen.Pixels));
        if (written != ExitCodes.Success || labelsPath is null)
        {
            return written;
        }

        // float32 like every array the CLI writes; class numbers are exact in it.
        var labels = chosen.Labels.ToArray().Select(label => (float)label).ToArray();
        return Write(context, labelsPath, () => NpyFile.WriteFloat32(labelsPath, new[] { chosen.Count }, labels));
    }

    private static int Write(CliContext context, string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return context.Fail($"{path}: cannot write: {IoProblems.DescribeWrite(path, e)}.");
        }

        context.Output.WriteLine($"wrote {path}");
        return ExitCodes.Success;
    }
}
