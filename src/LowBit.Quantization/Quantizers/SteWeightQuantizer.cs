using System;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// DoReFa-style weight quantizer with the straight-through estimator (Zhou et al. 2016, "DoReFa-Net").
/// k ≥ 2 bits: the paper's tanh normalisation <c>w' = tanh(w) / max|tanh(w)|</c> (here to [−1, 1]), then uniform
/// rounding to the symmetric grid <c>n = 2^(k−1) − 1</c> codes per side, <c>w_q = round(n·w') / n</c>,
/// gradient passed straight through the rounding. DoReFa's own grid, <c>2·quantize_k(·) − 1</c>,
/// has no zero and needs k + 1 bits as integers; the symmetric grid keeps k bits (ternary at 2 bits).
/// k = 1, the paper's binary weights: <c>w_q = sign(w) · E(|w|)</c> with the scale treated as a constant.
/// </summary>
public sealed class SteWeightQuantizer : WeightQuantizer
{
    public SteWeightQuantizer(int bits) : base("SteWeight", bits)
    {
    }

    public override WeightGrid Grid => Bits == 1 ? WeightGrid.Binary : WeightGrid.Symmetric(Bits);

    private int PositiveCodes => (1 << (Bits - 1)) - 1;

    protected override Tensor TrainingForward(Tensor weight)
    {
        if (Bits == 1)
        {
            var scale = weight.abs().mean().detach();
            return StraightThrough.Substitute(weight, StraightThrough.SignNonNegative(weight)) * scale;
        }

        return StraightThrough.Round(Normalized(weight) * PositiveCodes) / PositiveCodes;
    }

    public override (Tensor Codes, Tensor Scale) Encode(Tensor weight)
    {
        using var _ = no_grad();
        if (Bits == 1)
        {
            return (StraightThrough.SignNonNegative(weight), weight.abs().mean());
        }

        return ((Normalized(weight) * PositiveCodes).round(), tensor(1.0f / PositiveCodes));
    }

    private static Tensor Normalized(Tensor weight)
    {
        var squashed = weight.tanh();
        return squashed / squashed.abs().max().clamp_min(1e-12);
    }
}
