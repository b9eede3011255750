using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// Soft-threshold activations (STTN/STQN, Xu et al., IJCAI 2020 and IEEE TCSVT 2022). STTN's ternary
/// activation is the sum of two binary activations with thresholds ±δ/2 (the authors' code); STQN learns
/// its quantization intervals instead of rounding to nearest. Here the level is the sum of 2^b − 1 binary
/// branches, <c>level = Σ_j A(x − t_j)</c>, each with its own learned threshold t_j, and the value is
/// <c>s·level</c> with a learned step s — so the thresholds may end up anywhere (non-uniform) while the
/// output levels stay uniform, which is what the integer contract folds: the exported thresholds are the
/// t_j themselves.
/// <para>Thresholds are kept ordered and positive by learning their gaps (t_j = Σ_{i≤j} |g_i|); level 0 is
/// real 0. Gradients: the forward is the hard count, the backward is that of the piecewise-linear
/// interpolant through (0, 0), (t_j, j − ½) and (t_n + ½(t_n − t_{n−1}), n) — each branch's straight-through
/// window spans its neighbouring intervals, so moving a threshold changes the loss of the values near it.
/// Thresholds and step start uniform at LSQ's step 2⟨|x|⟩/√Q_P on the first training batch.</para>
/// </summary>
public sealed class SoftThresholdActivationQuantizer : ActivationQuantizer
{
    private const float MinimumGap = 1e-6f;

    private readonly Parameter _gaps;
    private readonly Parameter _step;
    private readonly Tensor _initialized;
    private readonly Tensor _knotLevels;

    public SoftThresholdActivationQuantizer(int bits) : base(bits == 2 ? "SttnActivation" : "StqnActivation", bits)
    {
        _gaps = new Parameter(ones(MaxLevel), requires_grad: true);
        _step = new Parameter(ones(1), requires_grad: true);
        _initialized = zeros(1, ScalarType.Bool);
        var levels = Enumerable.Range(0, MaxLevel).Select(j => j + 0.5f).Prepend(0f).Append(MaxLevel).ToArray();
        _knotLevels = tensor(levels);
        register_parameter("gaps", _gaps);
        register_parameter("step", _step);
        register_buffer("initialized", _initialized);
        register_buffer("knot_levels", _knotLevels);
    }

    /// <summary>The learned thresholds t_1 &lt; … &lt; t_n.</summary>
    public Tensor Thresholds => (_gaps.abs() + MinimumGap).cumsum(0);

    public Tensor Step => _step.abs() + 1e-8;

    public override ActivationGrid Grid()
    {
        using var _ = no_grad();
        var thresholds = Thresholds.data<float>().ToArray().Select(t => (double)t).ToArray();
        return new ActivationGrid(Bits, Step.item<float>(), thresholds);
    }

    /// <summary>Sets the thresholds (ascending, positive) and the step, e.g. to a non-uniform placement.</summary>
    public void SetThresholds(double[] thresholds, double step)
    {
        if (thresholds.Length != MaxLevel || thresholds[0] <= 0 || thresholds.Zip(thresholds.Skip(1)).Any(p => p.Second <= p.First))
        {
            throw new ArgumentException($"{GetName()}: need {MaxLevel} ascending positive thresholds", nameof(thresholds));
        }

        using var _ = no_grad();
        var gaps = thresholds.Select((t, j) => (float)(j == 0 ? t : t - thresholds[j - 1]) - MinimumGap).ToArray();
        _gaps.copy_(tensor(gaps));
        _step.fill_(step);
        _initialized.fill_(true);
    }

    protected override Tensor TrainingForward(Tensor x)
    {
        InitializeRange(x);
        var thresholds = Thresholds;
        var hard = QnFunction.HardCount(x, thresholds);
        return Step * StraightThrough.Substitute(Interpolant(x, thresholds), hard);
    }

    protected override Tensor EvalForward(Tensor x)
    {
        using var _ = no_grad();
        return QnFunction.HardCount(x, Thresholds) * Step;
    }

    private Tensor Interpolant(Tensor x, Tensor thresholds)
    {
        var n = MaxLevel;
        var lastGap = n == 1 ? thresholds[0] : thresholds[n - 1] - thresholds[n - 2];
        var knots = cat(new[] { zeros(1), thresholds, (thresholds[n - 1] + (lastGap * 0.5)).reshape(1) }, 0);
        Tensor segment;
        using (no_grad())
        {
            segment = (searchsorted(knots, x.detach().contiguous(), right: true) - 1).clamp(0, n);
        }

        Tensor At(Tensor values, Tensor index) => values.index_select(0, index.reshape(-1)).reshape(index.shape);
        var x0 = At(knots, segment);
        var x1 = At(knots, segment + 1);
        var y0 = At(_knotLevels, segment);
        var y1 = At(_knotLevels, segment + 1);
        return (y0 + ((x - x0) / (x1 - x0) * (y1 - y0))).clamp(0, n);
    }

    protected internal override void InitializeRange(Tensor x)
    {
        if (!training || _initialized.item<bool>())
        {
            return;
        }

        var step = 2.0 * x.detach().abs().mean().item<float>() / Math.Sqrt(MaxLevel) + 1e-8;
        SetThresholds(Enumerable.Range(0, MaxLevel).Select(j => step * (j + 0.5)).ToArray(), step);
    }
}
