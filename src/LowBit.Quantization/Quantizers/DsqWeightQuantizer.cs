using System;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// DSQ for weights (Gong et al., ICCV 2019; formulas in <see cref="DsqFunction"/>), with learned α and
/// clipping range. The contract's weights have no zero point, so the grid l + iΔ must hold whole
/// multiples of Δ: at b ≥ 2 the range is tied to the two's complement grid, l = −2^(b−1)Δ and
/// u = (2^(b−1) − 1)Δ (one learned parameter, u); at 1 bit, l = −u (binary ±u).
/// </summary>
public sealed class DsqWeightQuantizer : WeightQuantizer
{
    private readonly DsqParameters _dsq;

    public DsqWeightQuantizer(int bits, double initialAlpha = DsqParameters.DefaultInitialAlpha) : base("DsqWeight", bits)
    {
        _dsq = new DsqParameters("dsq", initialAlpha);
        register_module("dsq", _dsq);
    }

    public override WeightGrid Grid => Bits == 1 ? WeightGrid.Binary : WeightGrid.TwosComplement(Bits);

    public double Alpha => _dsq.EffectiveAlphaValue;

    internal DsqParameters Parameters => _dsq;

    private int LevelCount => 1 << Bits;

    protected override Tensor TrainingForward(Tensor weight)
    {
        // Binary: u = ⟨|w|⟩ (the optimal ±scale); else LSQ's step 2⟨|w|⟩/√Q_P times Q_P.
        var positive = Math.Max(Grid.MaxCode, 1);
        _dsq.InitializeUpperBound(weight, Bits == 1 ? 1.0 : 2.0 * positive / Math.Sqrt(positive));
        var (lower, upper) = Range();
        return DsqFunction.HardWithSoftGradient(weight, lower, upper, _dsq.EffectiveAlpha, LevelCount);
    }

    public override (Tensor Codes, Tensor Scale) Encode(Tensor weight)
    {
        using var _ = no_grad();
        var (lower, upper) = Range();
        var level = DsqFunction.HardLevel(weight, lower, upper, _dsq.EffectiveAlpha, LevelCount);
        if (Bits == 1)
        {
            return ((level * 2) - 1, upper.detach().reshape(1));
        }

        return (level + Grid.MinCode, (upper / Grid.MaxCode).detach().reshape(1));
    }

    /// <summary>Q_S (eq. D4 in <see cref="DsqFunction"/>) on the weights, for analysis and gradient checks.</summary>
    public Tensor SoftQuantize(Tensor weight)
    {
        var (lower, upper) = Range();
        return DsqFunction.Soft(weight, lower, upper, _dsq.EffectiveAlpha, LevelCount);
    }

    private (Tensor Lower, Tensor Upper) Range()
    {
        var upper = _dsq.UpperBound;
        var lower = Bits == 1 ? -upper : upper * ((double)Grid.MinCode / Grid.MaxCode);
        return (lower, upper);
    }
}
