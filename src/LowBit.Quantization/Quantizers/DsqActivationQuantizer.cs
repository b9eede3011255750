using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// DSQ for activations (Gong et al., ICCV 2019; formulas in <see cref="DsqFunction"/>): learned upper
/// bound u and characteristic variable α, trained with the hard quantizer in the forward and the soft
/// DSQ gradient in the backward; the sign function in the forward at evaluation.
/// The lower bound is fixed at l = 0 (the paper learns it too): the integer contract represents real 0
/// by a level so that zero padding stays exact, which a learned l would break unless −l/Δ happened to be
/// a whole number. Post-ReLU activations, the case here, start at 0 anyway.
/// </summary>
public sealed class DsqActivationQuantizer : ActivationQuantizer
{
    private readonly DsqParameters _dsq;

    public DsqActivationQuantizer(int bits, double initialAlpha = DsqParameters.DefaultInitialAlpha) : base("DsqActivation", bits)
    {
        _dsq = new DsqParameters("dsq", initialAlpha);
        register_module("dsq", _dsq);
    }

    public double Alpha => _dsq.EffectiveAlphaValue;

    public double UpperBound => _dsq.UpperBoundValue;

    public override ActivationGrid Grid() => ActivationGrid.Uniform(Bits, UpperBound / MaxLevel);

    protected override Tensor TrainingForward(Tensor x)
    {
        InitializeRange(x);
        var upper = _dsq.UpperBound;
        return DsqFunction.HardWithSoftGradient(x, zeros_like(upper), upper, _dsq.EffectiveAlpha, MaxLevel + 1);
    }

    // Same start as LSQ's step (2⟨|x|⟩/√Q_P), expressed as the top of the range.
    protected internal override void InitializeRange(Tensor sample) =>
        _dsq.InitializeUpperBound(sample, 2.0 * MaxLevel / Math.Sqrt(MaxLevel));

    protected override Tensor EvalForward(Tensor x)
    {
        var upper = _dsq.UpperBound.detach();
        var level = DsqFunction.HardLevel(x, zeros_like(upper), upper, _dsq.EffectiveAlpha.detach(), MaxLevel + 1);
        return level * (upper / MaxLevel);
    }

    /// <summary>Q_S itself (eq. D4 in <see cref="DsqFunction"/>), for analysis and gradient checks.</summary>
    public Tensor SoftQuantize(Tensor x)
    {
        var upper = _dsq.UpperBound;
        return DsqFunction.Soft(x, zeros_like(upper), upper, _dsq.EffectiveAlpha, MaxLevel + 1);
    }

    internal DsqParameters Parameters => _dsq;
}
