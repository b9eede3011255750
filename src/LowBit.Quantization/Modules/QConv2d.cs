using System;
using LowBit.Quantization.Quantizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules;

/// <summary>A 2-D convolution whose weights pass through a <see cref="WeightQuantizer"/> on every forward.
/// Square kernels, symmetric padding, dilation 1 — what the integer contract runs.</summary>
public sealed class QConv2d : nn.Module<Tensor, Tensor>
{
    public QConv2d(int inChannels, int outChannels, int kernel, WeightQuantizer quantizer, int stride = 1, int padding = 0, int groups = 1, bool bias = false)
        : base(nameof(QConv2d))
    {
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException($"QConv2d: groups ({groups}) must divide inChannels ({inChannels}) and outChannels ({outChannels})");
        }

        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        Groups = groups;
        Quantizer = quantizer;

        (Weight, Bias) = UniformInitialization.Create(new long[] { outChannels, inChannels / groups, kernel, kernel }, inChannels / groups * kernel * kernel, bias);
        register_parameter("weight", Weight);
        if (Bias is not null)
        {
            register_parameter("bias", Bias);
        }

        Quantizer.Attach(Weight);
        register_module("quantizer", Quantizer);
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    public int Kernel { get; }

    public int Stride { get; }

    public int Padding { get; }

    public int Groups { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public WeightQuantizer Quantizer { get; }

    public override Tensor forward(Tensor input) =>
        nn.functional.conv2d(input, Quantizer.call(Weight), Bias, new long[] { Stride, Stride }, new long[] { Padding, Padding }, new long[] { 1, 1 }, Groups);
}
