using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// DDQ for weights (Zhang et al., ICML 2021, "Differentiable Dynamic Quantization with Mixed Precision
/// and Adaptive Resolution"): precision, dynamic range and step size learned per layer under a bit budget.
/// <para>The paper quantizes as <c>x_q = qᵀ Z U x_o</c>: x_o one-hot on the finest grid, U a block-diagonal
/// 0/1 matrix written as a Kronecker product of 2×2 factors, each switched by a binary gate between I
/// (keep the bit) and 11ᵀ (merge neighbouring levels), Z the row normalisation, q the learned levels.
/// Closing the gates of the finest bits merges adjacent levels pairwise, so the bitwidth is the number of
/// open gates and the range is kept while the step doubles per closed gate.</para>
/// <para>The integer contract needs zero-centred uniform weight levels, which leaves q one degree of
/// freedom: its spacing Δ (learned; the dynamic range is Δ·2^(B−1), so range and step are learned
/// together). Merging then maps the B-bit grid to the b-bit two's complement grid with step
/// <c>Δ_b = Δ·2^(B−b)</c> over the same range, and the gated quantizer is the telescoping sum
/// <c>Q = Q_{b_min} + Σ_k G_k·(Q_{b_min+k} − Q_{b_min+k−1})</c> with <c>Q_b = Δ_b·clamp(round(w/Δ_b))</c>
/// and G_k the cumulative Heaviside gates (<see cref="PrecisionGates"/>): with hard gates the forward is
/// exactly Q at the selected bitwidth, and a gate's gradient is how much its refinement helps the loss.
/// Rounding uses the straight-through estimator; the paper's gradient correction term is not reproduced (its
/// form is not available here). Δ starts by LSQ's rule (2⟨|w|⟩/√Q_P) for the bitwidth the layer starts at — its
/// maximum, or a bit budget's whole bits — so the grid it trains on first is LSQ's, and it is learned relative to
/// that start (<see cref="RelativeStep"/>): stored directly at the 8-bit grid, Adam's updates were as large as
/// the step itself.</para>
/// At a maximum of 1 bit the weights are binary ±Δ.
/// </summary>
public sealed class DdqWeightQuantizer : WeightQuantizer, ILearnedPrecision
{
    private const int LowestLearnedBits = 2;

    private readonly RelativeStep _step;
    private readonly PrecisionGates _gates;

    public DdqWeightQuantizer(int bits) : base("DdqWeight", bits)
    {
        _step = new RelativeStep("step");
        _gates = new PrecisionGates("gates", Math.Min(bits, LowestLearnedBits), bits, GateRelaxation.Heaviside);
        register_module("step", _step);
        register_module("gates", _gates);
    }

    public override int Bits => _gates.Bits;

    public int MinBits => _gates.MinBits;

    public double TopGateLogit => _gates.TopGateLogit;

    public override WeightGrid Grid => MaxBits == 1 ? WeightGrid.Binary : WeightGrid.TwosComplement(Bits);

    public Tensor ExpectedBits() => _gates.ExpectedBits();

    public void LimitBits(int bits) => _gates.LimitBits(bits);

    public void StartAt(int bits) => _gates.StartAt(bits);

    public void FreezePrecision() => _gates.Freeze();

    protected override Tensor TrainingForward(Tensor weight)
    {
        if (MaxBits == 1)
        {
            // sign(w)·Δ, straight-through inside |w/Δ| ≤ 1; Δ starts at ⟨|w|⟩, the optimal binary scale.
            var binaryStep = _step.Learned(weight, 1.0);
            return StraightThrough.Substitute((weight / binaryStep).clamp(-1, 1), StraightThrough.SignNonNegative(weight)) * binaryStep;
        }

        var levels = _gates.Levels();
        var step = _step.Learned(weight, StartingFinestStepOfMeanAbs);
        var previous = AtBits(weight, step, MinBits);
        var quantized = previous;
        for (var k = 1; k <= MaxBits - MinBits; k++)
        {
            var next = AtBits(weight, step, MinBits + k);
            quantized = quantized + (levels[k - 1] * (next - previous));
            previous = next;
        }

        return quantized;
    }

    public override (Tensor Codes, Tensor Scale) Encode(Tensor weight)
    {
        using var _ = no_grad();
        if (MaxBits == 1)
        {
            return (StraightThrough.SignNonNegative(weight), tensor((float)_step.Value));
        }

        var grid = Grid;
        var step = tensor((float)_step.Value) * (1 << (MaxBits - Bits));
        return ((weight / step).round().clamp(grid.MinCode, grid.MaxCode), step);
    }

    /// <summary>LSQ's start 2/√Q_P at the current (starting) bitwidth, expressed on the finest grid.</summary>
    private double StartingFinestStepOfMeanAbs()
    {
        var start = WeightGrid.TwosComplement(Bits);
        return 2.0 / Math.Sqrt(start.MaxCode) / (1 << (MaxBits - Bits));
    }

    private Tensor AtBits(Tensor weight, Tensor fineStep, int bits)
    {
        var grid = WeightGrid.TwosComplement(bits);
        var step = fineStep * (1 << (MaxBits - bits));
        return StraightThrough.Round((weight / step).clamp(grid.MinCode, grid.MaxCode)) * step;
    }
}
