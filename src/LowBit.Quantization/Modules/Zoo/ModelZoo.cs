using System;
using System.Linq;
using LowBit.Quantization.Quantizers;
using TorchSharp.Modules;

namespace LowBit.Quantization.Modules.Zoo;

/// <summary>The architectures <c>lowbit train --model</c> knows, each buildable quantized (any method and
/// bitwidth plan) or in float32, for 1×28×28 digits and 10 classes.</summary>
public static class ModelZoo
{
    public const string MnistCnnName = "mnist-cnn";

    public static readonly string[] Names = { MnistCnnName, "resnet8", "resnet20", "mobilenetv2" };

    /// <summary>Builds <paramref name="model"/>; a null method builds the float32 baseline. Throws when the
    /// name is unknown or the plan names a layer the model does not have.</summary>
    public static Sequential Create(string model, QuantizationMethod? method, BitwidthPlan bits)
    {
        var key = model.Trim().ToLowerInvariant();
        if (key == MnistCnnName)
        {
            return method is null ? MnistCnn.Float() : MnistCnn.Quantized(method, bits);
        }

        var layers = new LayerFactory(method, bits);
        var network = key switch
        {
            "resnet8" => ResNet.Create(layers, 8),
            "resnet20" => ResNet.Create(layers, 20),
            "mobilenetv2" => MobileNetV2.Create(layers),
            _ => throw new ArgumentException($"unknown model \"{model}\"; expected one of {string.Join(", ", Names)}", nameof(model)),
        };
        bits.CheckLayers(layers.LayerNames.ToArray());
        return network;
    }
}
