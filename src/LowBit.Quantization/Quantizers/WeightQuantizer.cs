using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// Quantizes a layer's weight tensor. In training mode the forward is the method's differentiable
/// (fake-quantized) weight; in eval mode it is exactly <c>scale · codes</c> from <see cref="Encode"/>,
/// so what the float model computes in eval is what the exporter writes.
/// </summary>
public abstract class WeightQuantizer : nn.Module<Tensor, Tensor>
{
    private readonly int _bits;

    protected WeightQuantizer(string name, int bits) : base(name)
    {
        WeightGrid.CheckBits(bits, name);
        _bits = bits;
    }

    /// <summary>The bitwidth the weights are quantized to now. Fixed for most methods; methods that learn
    /// their precision (CPQ, DDQ) report the bitwidth their gates currently select.</summary>
    public virtual int Bits => _bits;

    /// <summary>The bitwidth this quantizer was created with (the most a learned precision may use).</summary>
    public int MaxBits => _bits;

    public abstract WeightGrid Grid { get; }

    /// <summary>Integer codes (float tensor of whole numbers, same shape as the weight) and the scale they
    /// multiply: a one-element tensor, or one scale per output channel shaped to broadcast against the
    /// codes (<c>[C, 1, …]</c>).</summary>
    public abstract (Tensor Codes, Tensor Scale) Encode(Tensor weight);

    /// <summary>How many weights this quantizer quantizes (known once attached to a layer); the bit
    /// budget weighs each layer's bitwidth by it.</summary>
    public long WeightCount { get; private set; }

    private Parameter? _weight;

    /// <summary>Called once by the layer that owns the weight, before training.</summary>
    public void Attach(Parameter weight)
    {
        WeightCount = weight.numel();
        _weight = weight;
        OnAttach(weight);
    }

    /// <summary>Called after the attached weight was overwritten with trained values (fine-tuning), so that state
    /// derived from the random initial weight (STTN's extra branches) is derived again from the trained one.</summary>
    public void WeightReplaced()
    {
        if (_weight is not null)
        {
            OnWeightReplaced(_weight);
        }
    }

    protected virtual void OnWeightReplaced(Parameter weight)
    {
    }

    /// <summary>Lets methods with per-layer state shaped like the weight (STTN's second branch) create it
    /// as parameters, so the optimizer sees them.</summary>
    protected virtual void OnAttach(Parameter weight)
    {
    }

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
