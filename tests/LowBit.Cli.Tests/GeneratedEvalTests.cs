using System;
using System.Diagnostics;
using System.Linq;
using LowBit.Cli.Compilation;
using LowBit.Data;
using LowBit.Runtime;
using LowBit.TestModels;

namespace LowBit.Cli.Tests;

/// <summary><c>lowbit eval</c> runs the generated code, compiled in memory by the generator, and it agrees with the interpreter bit for bit.</summary>
public sealed class GeneratedEvalTests
{
    private static string TrainedModel => RepositoryPaths.Combine("examples/MnistApp/models/mnist_w2a2.lbq");

    [Fact]
    public void Generated_code_compiled_in_memory_equals_the_interpreter_bit_for_bit()
    {
        const int Count = 300;
        var text = System.IO.File.ReadAllText(TrainedModel);
        var interpreter = ReferenceInterpreter.Load(TrainedModel);
        var test = BundledMnist.Split().Test;
        using var generated = GeneratedModel.Compile(text, TrainedModel);
        var inputs = test.Pixels.Slice(0, Count * interpreter.InputLength);
        var actual = new float[Count * generated.OutputLength];
        var expected = new float[Count * interpreter.OutputLength];

        generated.Predict(inputs, actual, Count);
        for (int s = 0; s < Count; s++)
        {
            interpreter.Predict(test.GetImage(s), expected.AsSpan(s * interpreter.OutputLength, interpreter.OutputLength));
        }

        Assert.Equal(interpreter.InputLength, generated.InputLength);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Eval_and_eval_interpreter_report_the_same_accuracy()
    {
        using var directory = new TemporaryDirectory();
        var (images, labels) = HeldOutIdx.Write(directory, 200);

        var generated = CliRunner.Run("eval", TrainedModel, "--images", images, "--labels", labels);
        var interpreted = CliRunner.Run("eval", TrainedModel, "--images", images, "--labels", labels, "--interpreter");

        Assert.True(generated.ExitCode == 0, generated.Error);
        Assert.Equal(interpreted.OutputLines.Take(3), generated.OutputLines.Take(3));
        Assert.Matches(@"^generated code: [\d.]+ µs per image \(compiled in memory by the LowBit generator in [\d.]+ s", generated.OutputLines[3]);
        Assert.StartsWith("reference interpreter: ", interpreted.OutputLines[3]);
    }

    [Fact]
    public void Eval_of_the_bundled_2000_digits_takes_seconds()
    {
        var clock = Stopwatch.StartNew();
        var result = CliRunner.Run("eval", TrainedModel);
        clock.Stop();

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("data: bundled MNIST, held-out split, 2,000 images", result.Output);

        // Compiling the model is most of it; the bound is loose because the test machine is shared.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"eval took {clock.Elapsed.TotalSeconds:F1} s:\n{result.Output}");
    }
}
