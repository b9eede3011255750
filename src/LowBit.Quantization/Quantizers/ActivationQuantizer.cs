using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// Quantizes activations to unsigned levels whose real values are <c>Step · level</c>. In training mode
/// the forward is the method's differentiable quantizer; in eval mode it is the hard quantizer that
/// <see cref="Grid"/> describes, which the exporter folds into integer thresholds.
/// </summary>
public abstract class ActivationQuantizer : nn.Module<Tensor, Tensor>
{
    protected ActivationQuantizer(string name, int bits) : base(name)
    {
        WeightGrid.CheckBits(bits, name);
        Bits = bits;
    }

    public int Bits { get; }

    public int MaxLevel => (1 << Bits) - 1;

    public abstract ActivationGrid Grid();

    public override Tensor forward(Tensor x) => training ? TrainingForward(x) : EvalForward(x);

    protected abstract Tensor TrainingForward(Tensor x);

    /// <summary>Sets a data-initialised range (LSQ's step, DSQ's bound, …) from <paramref name="sample"/>
    /// if it is not set yet; a no-op for fixed-range quantizers. <see cref="TrainingForward"/> calls it
    /// with its input; a wrapper that shifts the input (<see cref="SignedActivationQuantizer"/>) calls it
    /// first with what the range should cover, because the shift itself is read from the range.</summary>
    protected internal virtual void InitializeRange(Tensor sample)
    {
    }

    /// <summary>Uniform hard quantizer with the grid's step. Ties go up (floor(x/Δ + ½)), as the exported
    /// thresholds do; non-uniform quantizers override.</summary>
    protected virtual Tensor EvalForward(Tensor x)
    {
        var step = Grid().Step;
        return ((x / step) + 0.5).floor().clamp(0, MaxLevel) * step;
    }
}
