using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// DSQ's learnable state: the clipping bound u and the characteristic variable α (§3.3). α starts at
/// 0.2 and is learned with the task loss; the forward uses it clamped to [10⁻⁴, ½] — ln(2/α − 1) needs
/// α &lt; 1, and above ½ the soft function is too far from the quantizer to train it (§3.3's range).
/// </summary>
internal sealed class DsqParameters : nn.Module
{
    public const double DefaultInitialAlpha = 0.2;
    public const double MinAlpha = 1e-4;
    public const double MaxAlpha = 0.5;

    private readonly Parameter _upper;
    private readonly Parameter _alpha;
    private readonly Tensor _initialized;

    public DsqParameters(string name, double initialAlpha) : base(name)
    {
        if (!(initialAlpha >= MinAlpha && initialAlpha <= MaxAlpha))
        {
            throw new ArgumentOutOfRangeException(nameof(initialAlpha), initialAlpha, $"DSQ's α must be in [{MinAlpha}, {MaxAlpha}]");
        }

        _upper = new Parameter(ones(1), requires_grad: true);
        _alpha = new Parameter(full(1, initialAlpha), requires_grad: true);
        _initialized = zeros(1, ScalarType.Bool);
        register_parameter("upper", _upper);
        register_parameter("alpha", _alpha);
        register_buffer("initialized", _initialized);
    }

    public Tensor UpperBound => _upper.abs() + 1e-8;

    public double UpperBoundValue => UpperBound.detach().item<float>();

    public Tensor EffectiveAlpha => _alpha.clamp(MinAlpha, MaxAlpha);

    public double EffectiveAlphaValue => EffectiveAlpha.detach().item<float>();

    public void SetAlpha(double alpha)
    {
        using var _ = no_grad();
        _alpha.fill_(alpha);
    }

    /// <summary>On the first training batch: u = factor · ⟨|x|⟩.</summary>
    public void InitializeUpperBound(Tensor x, double factorOfMeanAbs) =>
        FirstBatchInitialization.Apply(training, _initialized, _upper, x, factorOfMeanAbs);
}
