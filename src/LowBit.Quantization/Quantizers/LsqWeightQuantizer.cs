using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// LSQ weight quantizer (Esser et al., ICLR 2020): signed levels Q_N = 2^(b−1), Q_P = 2^(b−1) − 1
/// (section 2.1), learned step with gradient scale 1/√(N·Q_P), N the number of weights. At 1 bit, where
/// Q_P would be 0, the quantizer is sign(v)·s with the same learned step (binary weights).
/// </summary>
public sealed class LsqWeightQuantizer : WeightQuantizer
{
    private readonly LsqStep _step;

    public LsqWeightQuantizer(int bits) : base("LsqWeight", bits)
    {
        _step = new LsqStep("step");
        register_module("step", _step);
    }

    public override WeightGrid Grid => Bits == 1 ? WeightGrid.Binary : WeightGrid.TwosComplement(Bits);

    public double Step => _step.Value;

    protected override Tensor TrainingForward(Tensor weight)
    {
        if (Bits == 1)
        {
            return _step.Binarize(weight, weight.numel());
        }

        return _step.Quantize(weight, -Grid.MinCode, Grid.MaxCode, weight.numel());
    }

    public override (Tensor Codes, Tensor Scale) Encode(Tensor weight)
    {
        if (Bits == 1)
        {
            using var _ = no_grad();
            return (StraightThrough.SignNonNegative(weight), tensor((float)_step.Value));
        }

        return (_step.Codes(weight, -Grid.MinCode, Grid.MaxCode), tensor((float)_step.Value));
    }
}
