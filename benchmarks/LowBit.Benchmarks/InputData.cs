using System;
using LowBit.Generated;
using LowBit.Runtime;

namespace LowBit.Benchmarks;

/// <summary>Benchmark inputs, and the bit-exactness check that makes a timing meaningful.</summary>
internal static class InputData
{
    /// <summary>Deterministic inputs in [0, 1): every quantizer level is used.</summary>
    public static float[] For(int length)
    {
        var random = new Random(1234);
        var input = new float[length];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (float)random.NextDouble();
        }

        return input;
    }

    /// <summary>A benchmark of a wrong model would be meaningless: check once that both agree bit for bit.</summary>
    public static void RequireBitExact(string name, ILowBitModel model, ReferenceInterpreter interpreter, float[] input)
    {
        var expected = new float[model.OutputLength];
        var actual = new float[model.OutputLength];
        interpreter.Predict(input, expected);
        model.Predict(input, actual);
        for (int i = 0; i < actual.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(expected[i]))
            {
                throw new InvalidOperationException($"{name}: output {i} differs: generated {actual[i]:R}, interpreter {expected[i]:R}.");
            }
        }
    }
}
