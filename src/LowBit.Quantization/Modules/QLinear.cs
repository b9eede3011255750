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
        (Weight, Bias) = UniformInitialization.Create(new long[] { outFeatures, inFeatures }, inFeatures, bias);
        register_parameter("weight", Weight);
        if (Bias is not null)
        {
            register_parameter("bias", Bias);
        }

        Quantizer.Attach(Weight);
        register_module("quantizer", Quantizer);
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public WeightQuantizer Quantizer { get; }

    public override Tensor forward(Tensor input) => nn.functional.linear(input, Quantizer.call(Weight), Bias);
}
