using System;
using System.Globalization;
using System.Text;

namespace AotSample;

/// <summary>
/// Runs the generated <see cref="Digits"/> model on a few deterministic inputs and prints the classes and a
/// checksum of every output float. The output depends on nothing but the model, so the JIT build and the
/// native binary must print exactly the same lines.
/// </summary>
public static class Program
{
    private const int Samples = 8;

    public static int Main()
    {
        var model = new Digits();
        var input = new float[Digits.InputLength];
        var output = new float[Digits.OutputLength];
        var classes = new StringBuilder();
        uint state = 12345;
        ulong checksum = 14695981039346656037UL; // FNV-1a over the bits of every output float

        for (int sample = 0; sample < Samples; sample++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                state = (state * 1664525u) + 1013904223u;
                input[i] = (state >> 8) / 16777216f; // exact: 24 random bits in [0, 1)
            }

            model.Predict(input, output);
            foreach (float value in output)
            {
                uint bits = BitConverter.SingleToUInt32Bits(value);
                for (int b = 0; b < 4; b++)
                {
                    checksum = (checksum ^ ((bits >> (8 * b)) & 0xFF)) * 1099511628211UL;
                }
            }

            classes.Append(classes.Length == 0 ? string.Empty : " ").Append(model.Classify(input).ToString(CultureInfo.InvariantCulture));
        }

        Console.WriteLine($"model: {Digits.ModelName} ({Digits.InputLength} inputs, {Digits.OutputLength} outputs)");
        Console.WriteLine($"classes: {classes}");
        Console.WriteLine($"checksum: {checksum.ToString("x16", CultureInfo.InvariantCulture)}");
        return 0;
    }
}
