using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// A learned step stored relative to its first-batch start: <c>s = s₀·(|p| + 10⁻⁶)</c>, with s₀ a buffer set once
/// and p the parameter, starting at 1. Adam moves a parameter by about the learning rate per update whatever its
/// gradient's size, so a step learned directly moves by ≈ 2·10⁻³ in absolute terms: a few percent of a 4-bit
/// weight step but about its whole value at DDQ's 8-bit grid (≈ 0.002), where a layer that starts at 8 bits
/// random-walked its range. Relative to s₀, every update changes the step by about the same fraction at any
/// bitwidth and weight scale. (LSQ's gradient scale 1/√(N·Q_P) exists for the same reason under SGD; Adam
/// cancels a constant gradient scale, so it is not applied here.)
/// </summary>
internal sealed class RelativeStep : nn.Module
{
    private readonly Parameter _relative;
    private readonly Tensor _start;
    private readonly Tensor _initialized;

    public RelativeStep(string name) : base(name)
    {
        _relative = new Parameter(ones(1), requires_grad: true);
        _start = ones(1);
        _initialized = zeros(1, ScalarType.Bool);
        register_parameter("relative", _relative);
        register_buffer("start", _start);
        register_buffer("initialized", _initialized);
    }

    public double Value => Current(_relative.detach()).item<float>();

    /// <summary>The step, started on the first training batch at <c>factorOfMeanAbs·⟨|v|⟩</c>.</summary>
    public Tensor Learned(Tensor v, double factorOfMeanAbs) => Learned(v, () => factorOfMeanAbs);

    /// <summary>The same, with a factor worked out only on the batch that needs it (DDQ's reads its gates).</summary>
    public Tensor Learned(Tensor v, Func<double> factorOfMeanAbs)
    {
        if (training && !_initialized.item<bool>())
        {
            FirstBatchInitialization.Apply(training, _initialized, _start, v, factorOfMeanAbs());
        }

        return Current(_relative);
    }

    // The floor keeps a step that Adam pushed through zero from dividing by zero.
    private Tensor Current(Tensor relative) => _start * (relative.abs() + 1e-6);
}
