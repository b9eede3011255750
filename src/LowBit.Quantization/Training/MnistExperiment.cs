using System;
using System.Collections.Generic;
using LowBit.Manifest;
using LowBit.Quantization.Export;
using LowBit.Quantization.Modules;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Simulation;
using TorchSharp.Modules;

namespace LowBit.Quantization.Training;

/// <summary>What one MNIST training run produced: the model, and for quantized methods the exported
/// manifest and its deploy check against the TorchSharp model.</summary>
public sealed record MnistExperimentResult(
    string Name,
    Sequential Model,
    IReadOnlyList<EpochReport> Epochs,
    double TorchAccuracy,
    ModelManifest? Manifest,
    DeployCheckResult? Check)
{
    /// <summary>The accuracy users get: the deployed integer model's for quantized methods, the float
    /// model's for fp32.</summary>
    public double DeployedAccuracy => Check?.ManifestAccuracy ?? TorchAccuracy;
}

/// <summary>
/// The small MNIST CNN trained with one method and bitwidth plan, exported and deploy-checked — the
/// shared core of examples/Mnist, <c>lowbit train</c> and <c>lowbit study</c>.
/// </summary>
public static class MnistExperiment
{
    /// <summary>The method name of the float baseline.</summary>
    public const string Float = "fp32";

    public static MnistExperimentResult Run(string method, BitwidthPlan bits, TrainingOptions options, ImageBatch train, ImageBatch test, Action<EpochReport>? onEpoch = null)
    {
        var quantized = !string.Equals(method, Float, StringComparison.OrdinalIgnoreCase);
        var quantization = quantized ? QuantizationMethod.Parse(method) : null;
        if (options.Budget is not null && quantization is { LearnsBitwidth: false })
        {
            throw new ArgumentException($"a bit budget needs a method that learns its bitwidth (cpq, ddq); {quantization.Name} keeps the planned bits");
        }

        TorchSession.Seed(options.Seed);
        var model = quantization is null ? MnistCnn.Float() : MnistCnn.Quantized(quantization, bits);
        var epochs = Trainer.Train(model, train, options, onEpoch);
        var accuracy = Trainer.Accuracy(model, test);
        var name = NameOf(method, bits, options.Budget);
        if (quantization is null)
        {
            return new MnistExperimentResult(name, model, epochs, accuracy, null, null);
        }

        var manifest = ManifestExporter.Export(model, name, TensorShape.Chw(1, 28, 28));
        return new MnistExperimentResult(name, model, epochs, accuracy, manifest, DeployCheck.Run(model, manifest, test));
    }

    /// <summary>A file-name-safe model name: mnist_dsq_w2a2, mnist_ddq_w6a4_fc1-w6a2_budget3.</summary>
    public static string NameOf(string method, BitwidthPlan bits, BitBudget? budget)
    {
        if (string.Equals(method, Float, StringComparison.OrdinalIgnoreCase))
        {
            return "mnist_fp32";
        }

        var plan = bits.ToString().ToLowerInvariant().Replace(',', '_').Replace('=', '-');
        var suffix = budget is null ? string.Empty : FormattableString.Invariant($"_budget{budget.AverageWeightBits:0.##}");
        return $"mnist_{method.ToLowerInvariant()}_{plan}{suffix}";
    }
}
