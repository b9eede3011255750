using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// The learned step size of LSQ (Esser et al., ICLR 2020, "Learned Step Size Quantization"):
/// <c>v̂ = round(clip(v/s, −Q_N, Q_P)) · s</c> (eq. 1–2). Autograd through this expression with a
/// straight-through round gives exactly the paper's gradients: ∂v̂/∂s = −v/s + round(v/s) inside the
/// range and −Q_N or Q_P outside (eq. 3), ∂v̂/∂v = 1 inside and 0 outside (the straight-through estimator, section 2.1). The step's gradient is
/// scaled by g = 1/√(N·Q_P) (section 2.2), and s starts at 2⟨|v|⟩/√Q_P on the first training batch.
/// </summary>
internal sealed class LsqStep : nn.Module
{
    private readonly Parameter _step;
    private readonly Tensor _initialized;

    public LsqStep(string name) : base(name)
    {
        _step = new Parameter(ones(1), requires_grad: true);
        _initialized = zeros(1, ScalarType.Bool);
        register_parameter("step", _step);
        register_buffer("initialized", _initialized);
    }

    public double Value => _step.detach().abs().item<float>();

    public Tensor Quantize(Tensor v, int negativeLevels, int positiveLevels, long featureCount)
    {
        var s = LearnedStep(v, positiveLevels, featureCount);
        return StraightThrough.Round((v / s).clamp(-negativeLevels, positiveLevels)) * s;
    }

    /// <summary>Binary variant: sign(v)·s, straight-through inside |v/s| ≤ 1, so ∂v̂/∂s = sign(v) − v/s
    /// there and sign(v) outside, the 1-bit analogue of eq. 3. Starts at s = ⟨|v|⟩, the optimal binary scale.</summary>
    public Tensor Binarize(Tensor v, long featureCount)
    {
        InitializeFrom(v, initialScaleOfMeanAbs: 1.0);
        var s = StraightThrough.ScaleGradient(_step.abs() + 1e-8, 1.0 / Math.Sqrt(featureCount));
        var sign = StraightThrough.Substitute((v / s).clamp(-1, 1), StraightThrough.SignNonNegative(v));
        return sign * s;
    }

    private Tensor LearnedStep(Tensor v, int positiveLevels, long featureCount)
    {
        InitializeFrom(v, 2.0 / Math.Sqrt(positiveLevels));
        return StraightThrough.ScaleGradient(_step.abs() + 1e-8, 1.0 / Math.Sqrt((double)featureCount * positiveLevels));
    }

    /// <summary>LSQ's first-batch start for a quantizer with <paramref name="positiveLevels"/> levels above 0.</summary>
    public void InitializeQuantizer(Tensor v, int positiveLevels) => InitializeFrom(v, 2.0 / Math.Sqrt(positiveLevels));

    public Tensor Codes(Tensor v, int negativeLevels, int positiveLevels)
    {
        using var _ = no_grad();
        return (v / Value).round().clamp(-negativeLevels, positiveLevels);
    }

    private void InitializeFrom(Tensor v, double initialScaleOfMeanAbs) =>
        FirstBatchInitialization.Apply(training, _initialized, _step, v, initialScaleOfMeanAbs);
}
