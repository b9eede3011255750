using System.Collections.Generic;
using LowBit.Quantization.Quantizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules.Zoo;

/// <summary>
/// Builds a network's layers either quantized (one method, one bitwidth plan) or in float32 (method null:
/// the baseline with the same architecture), and remembers each layer's plan name (dotted, e.g.
/// <c>layer2.0.conv1</c>) so a plan naming a layer that does not exist is refused.
/// </summary>
public sealed class LayerFactory
{
    private readonly List<string> _names = new();

    public LayerFactory(QuantizationMethod? method, BitwidthPlan bits)
    {
        Method = method;
        Bits = bits;
    }

    /// <summary>Null builds the float32 baseline.</summary>
    public QuantizationMethod? Method { get; }

    public BitwidthPlan Bits { get; }

    /// <summary>Every plan name handed out so far, in build order.</summary>
    public IReadOnlyList<string> LayerNames => _names;

    /// <summary>conv → BatchNorm2d → activation (unsigned levels, i.e. ReLU, or signed levels for a linear
    /// output) as one Sequential with children <c>conv</c>, <c>bn</c>, <c>act</c>; padding is kernel / 2.</summary>
    public Sequential ConvUnit(string name, int inChannels, int outChannels, int kernel, int stride = 1, int groups = 1, bool signedOutput = false)
    {
        var bits = Use(name);
        nn.Module<Tensor, Tensor> conv = Method is null
            ? nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, groups: groups, bias: false)
            : new QConv2d(inChannels, outChannels, kernel, Method.CreateWeightQuantizer(bits.Weights), stride, kernel / 2, groups);
        return nn.Sequential(("conv", conv), ("bn", nn.BatchNorm2d(outChannels)), ("act", Activation(bits.Activations, signedOutput)));
    }

    /// <summary>The activation after a residual add; its plan name's activation bits apply (weight bits are unused).</summary>
    public nn.Module<Tensor, Tensor> Join(string name, bool signedOutput) => Activation(Use(name).Activations, signedOutput);

    public nn.Module<Tensor, Tensor> Linear(string name, int inFeatures, int outFeatures)
    {
        var bits = Use(name);
        return Method is null ? nn.Linear(inFeatures, outFeatures) : new QLinear(inFeatures, outFeatures, Method.CreateWeightQuantizer(bits.Weights));
    }

    /// <summary>Global average pooling of <paramref name="source"/>'s output (the activation module built
    /// by this factory that feeds it).</summary>
    public nn.Module<Tensor, Tensor> GlobalAvgPool(nn.IModule<Tensor, Tensor> source) =>
        source is QActivation activation ? new QGlobalAvgPool(activation) : nn.AdaptiveAvgPool2d(1);

    private nn.Module<Tensor, Tensor> Activation(int bits, bool signed)
    {
        if (Method is null)
        {
            return signed ? nn.Identity() : nn.ReLU();
        }

        var quantizer = Method.CreateActivationQuantizer(bits);
        return new QActivation(signed ? new SignedActivationQuantizer(quantizer) : quantizer);
    }

    private LayerBits Use(string name)
    {
        _names.Add(name);
        return Bits.For(name);
    }
}
