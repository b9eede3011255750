using System;
using System.Collections.Generic;
using LowBit.Manifest;
using LowBit.Quantization.Export;
using LowBit.Quantization.Modules.Zoo;
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
/// One of the <see cref="ModelZoo"/> architectures (the small MNIST CNN by default) trained on digits with
/// one method and bitwidth plan, exported and deploy-checked — the shared core of examples/Mnist,
/// <c>lowbit train</c> and <c>lowbit study</c>.
/// </summary>
public static class MnistExperiment
{
    /// <summary>The method name of the float baseline.</summary>
    public const string Float = "fp32";

    public static MnistExperimentResult Run(string method, BitwidthPlan bits, TrainingOptions options, ImageBatch train, ImageBatch test, Action<EpochReport>? onEpoch = null, string model = ModelZoo.MnistCnnName)
    {
        var quantized = !string.Equals(method, Float, StringComparison.OrdinalIgnoreCase);
        var quantization = quantized ? QuantizationMethod.Parse(method) : null;
        if (options.Budget is not null && quantization is { LearnsBitwidth: false })
        {
            throw new ArgumentException($"a bit budget needs a method that learns its bitwidth (cpq, ddq); {quantization.Name} keeps the planned bits");
        }

        TorchSession.Seed(options.Seed);
        var network = ModelZoo.Create(model, quantization, bits);
        var epochs = Trainer.Train(network, train, options, onEpoch);
        var accuracy = Trainer.Accuracy(network, test);
        var name = NameOf(method, bits, options.Budget, model);
        if (quantization is null)
        {
            return new MnistExperimentResult(name, network, epochs, accuracy, null, null);
        }

        var manifest = ManifestExporter.Export(network, name, TensorShape.Chw(1, 28, 28));
        return new MnistExperimentResult(name, network, epochs, accuracy, manifest, DeployCheck.Run(network, manifest, test));
    }

    /// <summary>A file-name-safe model name: mnist_dsq_w2a2, mnist_ddq_w6a4_fc1-w6a2_budget3 for the MNIST
    /// CNN; resnet8_dsq_w2a2, mobilenetv2_fp32 for the other architectures.</summary>
    public static string NameOf(string method, BitwidthPlan bits, BitBudget? budget, string model = ModelZoo.MnistCnnName)
    {
        var prefix = string.Equals(model, ModelZoo.MnistCnnName, StringComparison.OrdinalIgnoreCase) ? "mnist" : model.ToLowerInvariant();
        if (string.Equals(method, Float, StringComparison.OrdinalIgnoreCase))
        {
            return $"{prefix}_fp32";
        }

        var plan = bits.ToString().ToLowerInvariant().Replace(',', '_').Replace('=', '-');
        var suffix = budget is null ? string.Empty : FormattableString.Invariant($"_budget{budget.AverageWeightBits:0.##}");
        return $"{prefix}_{method.ToLowerInvariant()}_{plan}{suffix}";
    }
}
