using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// Quantizes a layer's weight tensor. In training mode the forward is the method's differentiable
/// (fake-quantized) weight; in eval mode it is exactly <c>scale · codes</c> from <see cref="Encode"/>,
/// so what the float model computes in eval is what the exporter writes.
/// </summary>
public abstract class WeightQuantizer : nn.Module<Tensor, Tensor>
{
    protected WeightQuantizer(string name, int bits) : base(name)
    {
        WeightGrid.CheckBits(bits, name);
        Bits = bits;
    }

    public int Bits { get; }

    public abstract WeightGrid Grid { get; }

    /// <summary>Integer codes (float tensor of whole numbers, same shape) and the scale they multiply.</summary>
    public abstract (Tensor Codes, double Scale) Encode(Tensor weight);

    public override Tensor forward(Tensor weight)
    {
        if (training)
        {
            return TrainingForward(weight);
        }

        var (codes, scale) = Encode(weight);
        return codes * scale;
    }

    protected abstract Tensor TrainingForward(Tensor weight);
}
