using System;
using LowBit.Quantization.Quantizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules;

/// <summary>A fully connected layer whose weights pass through a <see cref="WeightQuantizer"/> on every forward.</summary>
public sealed class QLinear : nn.Module<Tensor, Tensor>
{
    public QLinear(int inFeatures, int outFeatures, WeightQuantizer quantizer, bool bias = true)
        : base(nameof(QLinear))
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Quantizer = quantizer;
        var bound = 1.0 / Math.Sqrt(inFeatures);
        Weight = new Parameter(empty(outFeatures, inFeatures).uniform_(-bound, bound));
        Bias = bias ? new Parameter(empty(outFeatures).uniform_(-bound, bound)) : null;
        register_parameter("weight", Weight);
        if (Bias is not null)
        {
            register_parameter("bias", Bias);
        }

        register_module("quantizer", Quantizer);
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public WeightQuantizer Quantizer { get; }

    public override Tensor forward(Tensor input) => nn.functional.linear(input, Quantizer.call(Weight), Bias);
}
