using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.Arm;
using LowBit.Generated;

namespace LowBit.ArmCost.Workload;

/// <summary>
/// <c>LowBit.ArmCost.Workload &lt;model&gt; &lt;inferences&gt;</c>: runs the model's generated <c>Predict</c> that many
/// times on one fixed input. Everything else the process does (start-up, this output) is the same for
/// any count, so the driver subtracts two runs and keeps only the inferences.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length != 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int inferences))
        {
            Console.Error.WriteLine("usage: LowBit.ArmCost.Workload <model> <inferences>");
            return 2;
        }

        var model = Find(args[0]);
        if (model is null)
        {
            Console.Error.WriteLine($"No compiled model named \"{args[0]}\"; this binary has: {string.Join(", ", Array.ConvertAll(LowBitModels.CreateAll(), m => m.Name))}");
            return 2;
        }

        var input = FixedInput(model.InputLength);
        var output = new float[model.OutputLength];
        RunInferences(model, input, output, inferences);

        Console.WriteLine($"arch={RuntimeInformation.ProcessArchitecture} AdvSimd.Arm64={AdvSimd.Arm64.IsSupported} Dp={Dp.IsSupported}");
        // 1-bit activations with ±1 weights run on the binary (popcount) kernels, every other bitwidth on the dot-product ones.
        int activationBits = ActivationBits(model.Name);
        Console.WriteLine($"dot path: {(activationBits == 1 ? "binary " + LowBitGemm.BinaryPath : LowBitGemm.PathFor(int16Accumulation: activationBits < 8, activationBits))}");
        Console.WriteLine($"output checksum: {Checksum(output)}");
        return 0;
    }

    /// <summary>The instrumented loop: the plugin counts it as a region of its own, apart from Predict.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RunInferences(ILowBitModel model, float[] input, float[] output, int inferences)
    {
        for (int i = 0; i < inferences; i++)
        {
            model.Predict(input, output);
        }
    }

    private static ILowBitModel? Find(string name) =>
        Array.Find(LowBitModels.CreateAll(), m => string.Equals(m.Name, name, StringComparison.Ordinal));

    /// <summary>Values spread over [0, 1), where every benchmark model's input quantizer has its levels.</summary>
    private static float[] FixedInput(int length)
    {
        var input = new float[length];
        for (int i = 0; i < length; i++)
        {
            input[i] = (i * 7919 % 1000) / 1000f;
        }

        return input;
    }

    /// <summary>
    /// The benchmark models are named &lt;architecture&gt;_w&lt;bits&gt;a&lt;bits&gt;, or &lt;architecture&gt;_mixed: a W2A2 body
    /// with 8-bit edges (LowBit.Benchmarks/BenchmarkModels.cs), whose body's path is the one reported.
    /// </summary>
    private static int ActivationBits(string modelName) =>
        modelName.EndsWith("_mixed", StringComparison.Ordinal)
            ? 2
            : int.Parse(modelName.AsSpan(modelName.LastIndexOf('a') + 1), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Proves the Dp and AdvSimd paths compute the same outputs (they must: both are bit-exact).</summary>
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
