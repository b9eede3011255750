using System;
using System.Globalization;
using LowBit.Quantization.Quantizers;

namespace Mnist;

/// <summary>Command-line options of the example: which method, bits, schedule, and where to write.</summary>
internal sealed record TrainingRun(string Method, BitwidthPlan Bits, int Epochs, int Seed, string? Output, double? Budget = null, bool RunApp = false)
{
    public const string Usage = """
        usage: Mnist [--method fp32|ste|lsq|dsq|qn|stqn|cpq|ddq] [--bits W2A2[,conv1=W8A4,…]] [--budget 3] [--epochs 5] [--seed 1] [--out file.lbq] [--app]
          trains the small CNN on the bundled MNIST digits (8,000 train / 2,000 held out), exports the
          manifest (quantized methods) and checks it against the TorchSharp model on the held-out digits.
          --budget: average weight bits to stay within; cpq and ddq then learn each layer's weight
          bitwidth up to the one in --bits.
          --app: then write the manifest to examples/MnistApp/models/mnist_w2a2.lbq and build and run that
          app, whose generated code classifies the held-out digits. With no options at all, the run is
          DSQ W2A2 with --app: the whole product, train → export → compile → run.
        """;

    public static TrainingRun Parse(string[] args)
    {
        var run = new TrainingRun("dsq", BitwidthPlan.Uniform(2, 2), 5, 1, null, RunApp: args.Length == 0);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            run = args[i] switch
            {
                "--method" => run with { Method = CheckMethod(Value()) },
                "--bits" => run with { Bits = BitwidthPlan.Parse(Value()) },
                "--epochs" => run with { Epochs = PositiveInt(Value(), "--epochs") },
                "--seed" => run with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--out" => run with { Output = Value() },
                "--app" => run with { RunApp = true },
                "--budget" => run with { Budget = PositiveDouble(Value(), "--budget") },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if (run.RunApp && run.Output is not null)
        {
            throw new ArgumentException("--app writes examples/MnistApp/models/mnist_w2a2.lbq (the app's <LowBitModel>); leave out --out");
        }

        if (run.RunApp && run.Method == "fp32")
        {
            throw new ArgumentException("--app needs a quantized model: fp32 has no manifest to compile");
        }

        return run;
    }

    private static string CheckMethod(string method)
    {
        if (method != "fp32")
        {
            QuantizationMethod.Parse(method);
        }

        return method;
    }

    private static double PositiveDouble(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{option} expects a positive number, found \"{text}\"");

    private static int PositiveInt(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{option} expects a positive whole number, found \"{text}\"");
}
