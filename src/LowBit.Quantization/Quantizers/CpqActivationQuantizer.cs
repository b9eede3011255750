using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// CPQ for activations (Lee et al., ICCV 2021): the categorical grid with the multi-class STE
/// (<see cref="CategoricalGrid"/>) on the unsigned grid <c>α·{0, …, 2^b − 1}</c>, learned α and σ, at the
/// planned bitwidth (the paper learns bitwidths, and applies DropBits, for weights). To keep memory
/// linear in the activation size, the distribution is evaluated on the <see cref="Window"/> grid points
/// around x — RQ's local grid (Louizos et al. 2019, eq. 6–7); the cells further away carry
/// S((d − ½)α/σ) ≤ 1e-3 of the mass at the initial σ = α/3.
/// </summary>
public sealed class CpqActivationQuantizer : ActivationQuantizer
{
    private const int Window = 4;

    private readonly Parameter _step;
    private readonly Parameter _noise;
    private readonly Tensor _initialized;

    public CpqActivationQuantizer(int bits) : base("CpqActivation", bits)
    {
        _step = new Parameter(ones(1), requires_grad: true);
        _noise = new Parameter(full(1, 1 / 3f), requires_grad: true);
        _initialized = zeros(1, ScalarType.Bool);
        register_parameter("step", _step);
        register_parameter("noise", _noise);
        register_buffer("initialized", _initialized);
    }

    public double Step => StepTensor.detach().item<float>();

    private Tensor StepTensor => _step.abs() + 1e-8;

    public override ActivationGrid Grid() => ActivationGrid.Uniform(Bits, Step);

    protected override Tensor TrainingForward(Tensor x)
    {
        InitializeRange(x);
        var step = StepTensor;
        Tensor chosen;
        Tensor candidates;
        using (no_grad())
        {
            chosen = ((x / step) + 0.5).floor().clamp(0, MaxLevel);
            var width = Math.Min(Window, MaxLevel + 1);
            var first = (chosen - (width / 2)).clamp(0, MaxLevel + 1 - width);
            candidates = first.unsqueeze(-1) + arange(width, ScalarType.Float32);
        }

        return CategoricalGrid.Quantize(x, candidates, null, chosen, step, step * (_noise.abs() + 1e-3), 1, 0, MaxLevel);
    }

    protected internal override void InitializeRange(Tensor sample) =>
        FirstBatchInitialization.Apply(training, _initialized, _step, sample, 2.0 / Math.Sqrt(MaxLevel));
}
