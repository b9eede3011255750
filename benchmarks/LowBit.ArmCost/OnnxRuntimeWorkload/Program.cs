using System;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace LowBit.ArmCost.OnnxRuntimeWorkload;

/// <summary>
/// <c>LowBit.ArmCost.OnnxRuntimeWorkload &lt;model.onnx&gt; &lt;inferences&gt;</c>: creates an ONNX Runtime session with
/// the x64 peer's settings (all graph optimizations, one intra-op thread, sequential execution), binds one
/// fixed input and the output once, and runs the session that many times. Session creation and everything
/// else the process does are the same for any count, so the driver subtracts two runs and keeps the inferences.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int inferences))
        {
            Console.Error.WriteLine("usage: LowBit.ArmCost.OnnxRuntimeWorkload <model.onnx> <inferences>");
            return 2;
        }

        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        using var session = new InferenceSession(args[0], options);
        var inputMeta = session.InputMetadata.Single();
        var outputMeta = session.OutputMetadata.Single();
        // The exports have a symbolic batch dimension; one sample, as in the x64 batch-1 benchmarks.
        long[] inputShape = inputMeta.Value.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
        long[] outputShape = outputMeta.Value.Dimensions.Select(d => d < 0 ? 1L : d).ToArray();
        var input = FixedInput((int)inputShape.Aggregate(1L, (a, b) => a * b));
        var output = new float[outputShape.Aggregate(1L, (a, b) => a * b)];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, inputShape);
        using var outputValue = OrtValue.CreateTensorValueFromMemory(output, outputShape);
        using var runOptions = new RunOptions();
        var run = new BoundRun(session, runOptions, new[] { inputMeta.Key }, new[] { inputValue }, new[] { outputMeta.Key }, new[] { outputValue });
        RunInferences(run, inferences);

        Console.WriteLine($"arch={RuntimeInformation.ProcessArchitecture} onnxruntime={OrtEnv.Instance().GetVersionString()}");
        Console.WriteLine($"output checksum: {Checksum(output)}");
        return 0;
    }

    /// <summary>The instrumented loop: the plugin counts it (and all of ONNX Runtime it calls) as a region of its own.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RunInferences(BoundRun run, int inferences)
    {
        for (int i = 0; i < inferences; i++)
        {
            run.Session.Run(run.Options, run.InputNames, run.Inputs, run.OutputNames, run.Outputs);
        }
    }

    /// <summary>The x64 peer's call: input and output OrtValues bound once, so a run allocates no tensors.</summary>
    private sealed record BoundRun(InferenceSession Session, RunOptions Options, string[] InputNames, OrtValue[] Inputs, string[] OutputNames, OrtValue[] Outputs);

    /// <summary>The input our workload feeds the generated models: values spread over [0, 1).</summary>
    private static float[] FixedInput(int length)
    {
        var input = new float[length];
        for (int i = 0; i < length; i++)
        {
            input[i] = (i * 7919 % 1000) / 1000f;
        }

        return input;
    }

    private static long Checksum(float[] output)
    {
        long sum = 0;
        foreach (float value in output)
        {
            sum = unchecked((sum * 31) + BitConverter.SingleToInt32Bits(value));
        }

        return sum;
    }
}
