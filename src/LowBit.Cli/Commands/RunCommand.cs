using System;
using System.CommandLine;
using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Numpy;
using LowBit.Runtime;

namespace LowBit.Cli.Commands;

/// <summary>
/// <c>lowbit run &lt;model.lbq&gt; --input x.npy [--output y.npy]</c>: runs a manifest with the reference
/// interpreter on a NumPy batch (first dimension = samples) so results can be compared with another framework.
/// </summary>
public static class RunCommand
{
    private const int ClassesShown = 32;

    public static Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The manifest (.lbq) to run." };
        var input = new Option<string>("--input") { Description = "A .npy array whose first dimension is the batch; each sample holds the model's input values in C order.", Required = true };
        var output = new Option<string?>("--output") { Description = "Write the outputs as a float32 .npy array [batch, outputs]." };
        var command = new Command("run", "Run a manifest on the samples of a .npy file; print the classes, optionally write the outputs.")
        {
            model,
            input,
            output,
        };
        command.SetAction(parseResult => Run(context, parseResult.GetValue(model)!, parseResult.GetValue(input)!, parseResult.GetValue(output)));
        return command;
    }

    public static int Run(CliContext context, string model, string input, string? output)
    {
        try
        {
            var interpreter = ReferenceInterpreter.Load(model);
            var array = NpyFile.Read(input);
            int length = interpreter.InputLength;
            int batch = array.Shape.Length == 0 ? 1 : array.Shape[0];
            if (array.Values.Length != (long)batch * length)
            {
                return context.Fail($"{input}: shape ({string.Join(", ", array.Shape)}) holds {array.Values.Length} values; {model} expects [batch, …] with {length} values per sample ({interpreter.Manifest.Input.Shape}).");
            }

            var outputs = new float[batch * interpreter.OutputLength];
            var classes = new int[batch];
            var sample = new float[length];
            for (int i = 0; i < batch; i++)
            {
                for (int k = 0; k < length; k++)
                {
                    sample[k] = (float)array.Values[(i * length) + k];
                }

                var result = outputs.AsSpan(i * interpreter.OutputLength, interpreter.OutputLength);
                interpreter.Predict(sample, result);
                classes[i] = ReferenceInterpreter.ArgMax(result);
            }

            string shown = string.Join(" ", classes.Take(ClassesShown)) + (batch > ClassesShown ? " …" : string.Empty);
            context.Output.WriteLine($"{batch} sample{(batch == 1 ? string.Empty : "s")}, classes (argmax): {shown}");
            if (output is not null)
            {
                NpyFile.WriteFloat32(output, new[] { batch, interpreter.OutputLength }, outputs);
                context.Output.WriteLine($"wrote {output}: float32 [{batch}, {interpreter.OutputLength}]");
            }

            return ExitCodes.Success;
        }
        catch (NpyFormatException e)
        {
            return context.Fail(e.Message);
        }
        catch (ManifestException e)
        {
            return context.Fail(e);
        }
    }
}
