using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LowBit.ArmCost;

/// <summary>Command-line options of the driver.</summary>
public sealed class CountOptions
{
    public const string Usage =
        "usage: dotnet run -c Release --project benchmarks/LowBit.ArmCost -- [--models a,b,…] [--warmup K] [--repeat R] [--work DIR] [--skip-publish] [--no-onnxruntime]\n" +
        "  --models        models of benchmarks/LowBit.Benchmarks/Models to count (default: mnist_cnn, resnet20, mobilenetv2 at W1A1…W8A8 and mixed, conv64, linear1024 at W1A1…W8A8)\n" +
        "  --warmup K      inferences in the baseline run (default 2)\n" +
        "  --repeat R      extra inferences in the second run; per inference = difference / R (default 5)\n" +
        "  --work DIR      plugin, arm64 binary and raw counts (default benchmarks/LowBit.ArmCost/.artifacts)\n" +
        "  --skip-publish  reuse the arm64 binaries already in the work directory (the workload must contain the models)\n" +
        "  --no-onnxruntime  skip ONNX Runtime int8 (by default counted on the QDQ export of each whole network among the models: mnist_cnn, resnet20, mobilenetv2)";

    public IReadOnlyList<string> Models { get; private init; } = Array.Empty<string>();

    public int Warmup { get; private init; } = 2;

    public int Repeat { get; private init; } = 5;

    public string WorkDirectory { get; private init; } = string.Empty;

    public bool SkipPublish { get; private init; }

    public bool ShowHelp { get; private init; }

    /// <summary>Count ONNX Runtime int8 on the whole networks among <see cref="Models"/> as well.</summary>
    public bool OnnxRuntime { get; private init; } = true;

    public static CountOptions Parse(IReadOnlyList<string> args)
    {
        string? models = null, work = null;
        int warmup = 2, repeat = 5;
        bool skipPublish = false, help = false, onnxRuntime = true;
        for (int i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--models": models = Value(); break;
                case "--warmup": warmup = Positive(Value(), "--warmup"); break;
                case "--repeat": repeat = Positive(Value(), "--repeat"); break;
                case "--work": work = Value(); break;
                case "--skip-publish": skipPublish = true; break;
                case "--no-onnxruntime": onnxRuntime = false; break;
                case "-h" or "--help": help = true; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return new CountOptions
        {
            Models = models is null ? BenchmarkModelFiles.DefaultNames() : models.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Warmup = warmup,
            Repeat = repeat,
            WorkDirectory = Path.GetFullPath(work ?? Path.Combine(RepositoryRoot.Find(), "benchmarks", "LowBit.ArmCost", ".artifacts")),
            SkipPublish = skipPublish,
            ShowHelp = help,
            OnnxRuntime = onnxRuntime,
        };
    }

    private static int Positive(string text, string option) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0
            ? value
            : throw new ArgumentException($"{option} takes a positive integer, not \"{text}\".");
}
