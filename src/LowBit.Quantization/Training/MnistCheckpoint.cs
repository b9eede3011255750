using System;
using System.IO;
using System.Text.Json;
using LowBit.Quantization.Modules.Zoo;
using LowBit.Quantization.Quantizers;
using TorchSharp.Modules;

namespace LowBit.Quantization.Training;

/// <summary>
/// A trained model saved for a later export: the TorchSharp state (weights, quantizer parameters,
/// BatchNorm statistics, settled bitwidths) in <c>file</c>, and how to rebuild the architecture — zoo
/// model (the MNIST CNN when absent, as older checkpoints are), method and bitwidth plan — in
/// <c>file.json</c> beside it.
/// </summary>
public static class MnistCheckpoint
{
    public static void Save(Sequential model, string method, BitwidthPlan bits, string path, string architecture = ModelZoo.MnistCnnName)
    {
        model.save(path);
        File.WriteAllText(DescriptionPath(path), JsonSerializer.Serialize(new Description(method, bits.ToString(), architecture)));
    }

    /// <summary>Rebuilds the model and loads the saved state; throws <see cref="InvalidDataException"/>
    /// naming the file when the description is missing or wrong.</summary>
    public static (Sequential Model, string Method, BitwidthPlan Bits) Load(string path)
    {
        var descriptionPath = DescriptionPath(path);
        if (!File.Exists(path) || !File.Exists(descriptionPath))
        {
            throw new FileNotFoundException($"{path}: a checkpoint is two files, {Path.GetFileName(path)} and {Path.GetFileName(descriptionPath)} (written by lowbit train --checkpoint); missing {(File.Exists(path) ? descriptionPath : path)}");
        }

        Description? description;
        try
        {
            description = JsonSerializer.Deserialize<Description>(File.ReadAllText(descriptionPath));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{descriptionPath}: expected {{\"Method\": …, \"Bits\": …}}, found invalid JSON ({e.Message})", e);
        }

        if (description?.Method is null || description.Bits is null)
        {
            throw new InvalidDataException($"{descriptionPath}: expected {{\"Method\": …, \"Bits\": …}}, found a description without them");
        }

        var plan = BitwidthPlan.Parse(description.Bits);
        var quantization = string.Equals(description.Method, MnistExperiment.Float, StringComparison.OrdinalIgnoreCase)
            ? null
            : QuantizationMethod.Parse(description.Method);
        var architecture = description.Model ?? ModelZoo.MnistCnnName;
        var model = ModelZoo.Create(architecture, quantization, plan);
        try
        {
            model.load(path);
        }
        catch (Exception e) when (e is not IOException)
        {
            // e.g. a DDQ checkpoint from before 2026-12-03, which stored its step as "step.step".
            throw new InvalidDataException($"{path}: the saved state does not fit a {architecture} {description.Method} {plan} network of this version ({e.Message}); retrain it, or export it with the version that saved it", e);
        }

        model.eval();
        return (model, description.Method, plan);
    }

    /// <summary>The zoo model a checkpoint was trained as (the MNIST CNN for checkpoints that do not say).</summary>
    public static string ArchitectureOf(string path)
    {
        var description = JsonSerializer.Deserialize<Description>(File.ReadAllText(DescriptionPath(path)));
        return description?.Model ?? ModelZoo.MnistCnnName;
    }

    private static string DescriptionPath(string path) => path + ".json";

    private sealed record Description(string Method, string Bits, string? Model = null);
}
