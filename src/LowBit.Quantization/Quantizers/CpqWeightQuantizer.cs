using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// CPQ for weights (Lee, Yun, Hwang and Yang, ICCV 2021, "Cluster-Promoting Quantization with Bit-Drop"):
/// the categorical grid with the multi-class STE (<see cref="CategoricalGrid"/>) on RQ's two's complement
/// grid <c>α·{−2^(b−1), …, 2^(b−1) − 1}</c> (RQ eq. 1), learned step α and noise σ, plus
/// <b>DropBits</b> and a <b>learned bitwidth</b>.
/// <para>DropBits drops bits instead of neurons: each bit level above max(2, B − 4) bits has a gate (hard-concrete,
/// <see cref="PrecisionGates"/>); dropping a level removes the grid points that need that bit — the odd
/// multiples of 2^(B−b) among the B-bit codes — so the remaining points are exactly the coarser
/// two's complement grid over the same range. The gates are sampled every step (dropping bits at random
/// regularises the multi-class STE's bias, the paper's motivation) and their logits are learned; the L0
/// penalty on them is the expected bitwidth, which <see cref="Training.BitBudget"/> adds to the loss. The
/// learned bitwidth is the number of levels whose deterministic gate is open. At b bits the codes export
/// as b-bit two's complement with scale α·2^(B−b). What the paper's text does not fix here (mask
/// granularity, λ) follows the research notes and is stated in <see cref="PrecisionGates"/>.</para>
/// At a maximum of 1 bit the grid is binary ±α and nothing is dropped.
/// </summary>
public sealed class CpqWeightQuantizer : WeightQuantizer, ILearnedPrecision
{
    private const int LowestLearnedBits = 2;

    /// <summary>Bits the precision may drop below the maximum. Together with <see cref="Window"/> this bounds
    /// the work per weight: the coarsest grid in use then has a spacing of at most 16 fine codes, so 32
    /// fine grid points around each weight hold its nearest kept point and neighbours on both sides.</summary>
    private const int MaxDroppedBits = 4;

    /// <summary>Grid points evaluated per weight when the grid has more (RQ's local grid, eq. 6–7): at 8 bits
    /// the full grid would be 256 points per weight, 25 M values for the MNIST CNN's fc1 in every step.</summary>
    private const int Window = 32;

    private readonly Parameter _step;
    private readonly Parameter _noise;
    private readonly Tensor _initialized;
    private readonly PrecisionGates _gates;
    private readonly Tensor _codes;
    private readonly Tensor _levelOfCode;

    public CpqWeightQuantizer(int bits) : base("CpqWeight", bits)
    {
        _step = new Parameter(ones(1), requires_grad: true);
        _noise = new Parameter(full(1, 1 / 3f), requires_grad: true);
        _initialized = zeros(1, ScalarType.Bool);
        _gates = new PrecisionGates("gates", Math.Min(bits, Math.Max(LowestLearnedBits, bits - MaxDroppedBits)), bits, GateRelaxation.HardConcrete);
        var grid = WeightGrid.TwosComplement(Math.Max(MaxBits, 2));
        var codes = MaxBits == 1 ? new[] { -1, 1 } : Enumerable.Range(grid.MinCode, grid.MaxCode - grid.MinCode + 1).ToArray();
        _codes = tensor(codes.Select(c => (float)c).ToArray());
        _levelOfCode = tensor(codes.Select(c => (long)BitsNeeded(c)).ToArray());
        register_parameter("step", _step);
        register_parameter("noise", _noise);
        register_buffer("initialized", _initialized);
        register_buffer("codes", _codes);
        register_buffer("code_bits", _levelOfCode);
        register_module("gates", _gates);
    }

    public override int Bits => _gates.Bits;

    public int MinBits => _gates.MinBits;

    public double TopGateLogit => _gates.TopGateLogit;

    public override WeightGrid Grid => MaxBits == 1 ? WeightGrid.Binary : WeightGrid.TwosComplement(Bits);

    public double Step => _step.detach().abs().item<float>();

    private Tensor StepTensor => _step.abs() + 1e-8;

    /// <summary>σ as a fraction of α, so the distribution keeps its shape as the step is learned.</summary>
    private Tensor Noise => StepTensor * (_noise.abs() + 1e-3);

    private double Spacing => MaxBits == 1 ? 2 : 1;

    public Tensor ExpectedBits() => _gates.ExpectedBits();

    public void LimitBits(int bits) => _gates.LimitBits(bits);

    public void StartAt(int bits) => _gates.StartAt(bits);

    public void FreezePrecision() => _gates.Freeze();

    protected override Tensor TrainingForward(Tensor weight)
    {
        var positive = Math.Max((1 << (MaxBits - 1)) - 1, 1);
        FirstBatchInitialization.Apply(training, _initialized, _step, weight, MaxBits == 1 ? 1.0 : 2.0 / Math.Sqrt(positive));
        var levels = _gates.Levels();
        var table = cat(new[] { ones(1), levels }, 0);
        Tensor chosen;
        Tensor candidates;
        Tensor index;
        using (no_grad())
        {
            var bitsInUse = MinBits + (int)levels.detach().sum().item<float>();
            chosen = MaxBits == 1 ? StraightThrough.SignNonNegative(weight) : NearestOnGrid(weight, bitsInUse);
            (candidates, index) = Candidates(weight);
        }

        // Points needing ≤ MinBits are always kept; a point needing b bits follows the gate of level b − MinBits.
        var keep = table.index_select(0, (_levelOfCode.index_select(0, index.reshape(-1)) - MinBits).clamp_min(0)).reshape(index.shape);
        return CategoricalGrid.Quantize(weight, candidates, keep, chosen, StepTensor, Noise, Spacing, _codes[0].item<float>(), _codes[-1].item<float>());
    }

    public override (Tensor Codes, Tensor Scale) Encode(Tensor weight)
    {
        using var _ = no_grad();
        if (MaxBits == 1)
        {
            return (StraightThrough.SignNonNegative(weight), StepTensor.detach().clone());
        }

        var coarsening = 1 << (MaxBits - Bits);
        var grid = Grid;
        var coarseStep = StepTensor * coarsening;
        return ((weight / coarseStep).round().clamp(grid.MinCode, grid.MaxCode), coarseStep);
    }

    /// <summary>The number of bits a code needs on the coarsest grid that contains it: the B-bit code c is on
    /// the b-bit grid iff c is a multiple of 2^(B−b).</summary>
    private int BitsNeeded(int code)
    {
        if (MaxBits == 1 || code == 0)
        {
            return 1;
        }

        var trailingZeros = System.Numerics.BitOperations.TrailingZeroCount(code);
        return Math.Max(1, MaxBits - trailingZeros);
    }

    /// <summary>The grid points to evaluate (codes) and their positions in the full grid: all of them for
    /// small grids, else the <see cref="Window"/> points centred on each weight's nearest fine code.</summary>
    private (Tensor Codes, Tensor Index) Candidates(Tensor weight)
    {
        var count = _codes.shape[0];
        if (count <= Window)
        {
            var all = arange(count);
            return (_codes, all);
        }

        var lowest = (long)_codes[0].item<float>();
        var nearest = (weight / StepTensor.detach()).round().to_type(ScalarType.Int64) - lowest;
        var first = (nearest - (Window / 2) + 1).clamp(0, count - Window);
        var index = first.unsqueeze(-1) + arange(Window);
        return (_codes.index_select(0, index.reshape(-1)).reshape(index.shape), index);
    }

    private Tensor NearestOnGrid(Tensor weight, int bits)
    {
        var coarsening = 1 << (MaxBits - bits);
        var grid = WeightGrid.TwosComplement(bits);
        return (weight / (StepTensor.detach() * coarsening)).round().clamp(grid.MinCode, grid.MaxCode) * coarsening;
    }
}
