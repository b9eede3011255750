using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// DoReFa activation quantizer (Zhou et al. 2016): clip to [0, 1], round to k bits,
/// <c>q = round((2^k − 1)·x) / (2^k − 1)</c> with the straight-through estimator for the rounding; the
/// clip's gradient is zero outside [0, 1].
/// </summary>
public sealed class SteActivationQuantizer : ActivationQuantizer
{
    public SteActivationQuantizer(int bits) : base("SteActivation", bits)
    {
    }

    public override ActivationGrid Grid() => ActivationGrid.Uniform(Bits, 1.0 / MaxLevel);

    protected override Tensor TrainingForward(Tensor x) =>
        StraightThrough.Round(x.clamp(0, 1) * MaxLevel) / MaxLevel;
}
