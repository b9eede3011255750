using LowBit.Quantization.Quantizers;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules;

/// <summary>Quantizes the activations flowing through it; the exporter folds everything between the
/// previous convolution or linear layer and this module into that layer's integer thresholds.</summary>
public sealed class QActivation : nn.Module<Tensor, Tensor>
{
    public QActivation(ActivationQuantizer quantizer) : base(nameof(QActivation))
    {
        Quantizer = quantizer;
        register_module("quantizer", Quantizer);
    }

    public ActivationQuantizer Quantizer { get; }

    public int Bits => Quantizer.Bits;

    public override Tensor forward(Tensor input) => Quantizer.call(input);
}
