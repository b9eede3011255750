using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>How a <see cref="PrecisionGates"/> gate is relaxed in training.</summary>
public enum GateRelaxation
{
    /// <summary>Stochastic hard-concrete gates (Louizos, Welling and Kingma, ICLR 2018, eq. 10–12), as
    /// CPQ's DropBits relaxes its bit masks.</summary>
    HardConcrete,

    /// <summary>Deterministic Heaviside gates with a sigmoid straight-through gradient, as DDQ's binary
    /// gates.</summary>
    Heaviside,
}

/// <summary>
/// One gate per bit above <c>MinBits</c>: bit level k (precision MinBits + k) is in use only when gates
/// 1 … k are all open, so the bitwidth is <c>MinBits + Σ_k Π_{j≤k} z_j</c> and lowering it always removes
/// the finest level first (the coarser grids are subsets of the finer ones). Gate logits are stored /10
/// so that Adam, whose steps are ≈ the learning rate whatever the gradient's size, moves a gate across
/// its decision boundary within a few epochs rather than a few hundred. At evaluation a gate is open
/// iff its logit ≥ 0.
/// </summary>
internal sealed class PrecisionGates : nn.Module
{
    private const double LogitScale = 10;
    private const double InitialLogit = 2;

    // Hard-concrete constants of Louizos et al. (β = 2/3, stretch to (γ, ζ) = (−0.1, 1.1)).
    private const double Beta = 2.0 / 3.0;
    private const double Gamma = -0.1;
    private const double Zeta = 1.1;

    private readonly Parameter? _logits;
    private readonly GateRelaxation _relaxation;

    // [limit, frozen] as a buffer, so a saved checkpoint keeps the settled precision.
    private readonly Tensor _state;

    public PrecisionGates(string name, int minBits, int maxBits, GateRelaxation relaxation) : base(name)
    {
        MinBits = minBits;
        MaxBits = Math.Max(minBits, maxBits);
        _state = tensor(new long[] { MaxBits, 0 });
        register_buffer("state", _state);
        _relaxation = relaxation;
        if (MaxBits > MinBits)
        {
            // Only a precision with room to move has gates (an empty parameter would get no gradient).
            _logits = new Parameter(full(MaxBits - MinBits, InitialLogit / LogitScale), requires_grad: true);
            register_parameter("logits", _logits);
        }
    }

    public int MinBits { get; }

    public int MaxBits { get; }

    /// <summary>The cap on the bitwidth (the budget's projection).</summary>
    public int Limit => (int)_state[0].item<long>();

    private Tensor Logits => _logits is null ? zeros(0) : _logits * LogitScale;

    public int Bits
    {
        get
        {
            var logits = Logits.detach().data<float>().ToArray();
            var open = logits.TakeWhile(l => l >= 0).Count();
            return Math.Min(MinBits + open, Limit);
        }
    }

    public double TopGateLogit => Bits == MinBits ? double.PositiveInfinity : Logits.detach().data<float>()[Bits - MinBits - 1];

    /// <summary>Whether the precision is settled (no more sampling or learning).</summary>
    public bool Frozen => _state[1].item<long>() != 0;

    public void LimitBits(int bits)
    {
        using var _ = no_grad();
        _state[0].fill_(Math.Clamp(bits, MinBits, MaxBits));
    }

    /// <summary>Opens the gates of the levels up to <paramref name="bits"/> and closes those above, with the
    /// initial confidence either way.</summary>
    public void StartAt(int bits)
    {
        if (_logits is null)
        {
            return;
        }

        var open = Math.Clamp(bits, MinBits, MaxBits) - MinBits;
        using var _ = no_grad();
        _logits.copy_(tensor(Enumerable.Range(0, MaxBits - MinBits).Select(k => (float)((k < open ? InitialLogit : -InitialLogit) / LogitScale)).ToArray()));
    }

    public void Freeze()
    {
        LimitBits(Bits);
        using (no_grad())
        {
            _state[1].fill_(1);
        }

        _logits?.requires_grad_(false);
    }

    /// <summary>Cumulative gate per bit level (length MaxBits − MinBits): 1 where the level is in use. In
    /// training the forward value is 0 or 1 and the gradient is the relaxation's; in eval it is the
    /// deterministic decision.</summary>
    public Tensor Levels()
    {
        var count = MaxBits - MinBits;
        if (count == 0)
        {
            return zeros(0);
        }

        Tensor gates;
        if (!training || Frozen)
        {
            gates = (Logits.detach() >= 0).to_type(ScalarType.Float32);
        }
        else if (_relaxation == GateRelaxation.HardConcrete)
        {
            var u = rand(count).clamp(1e-6, 1 - 1e-6);
            var s = sigmoid((u.log() - (1 - u).log() + Logits) / Beta);
            var z = ((s * (Zeta - Gamma)) + Gamma).clamp(0, 1);
            gates = StraightThrough.Substitute(z, (z >= 0.5).to_type(ScalarType.Float32));
        }
        else
        {
            var p = sigmoid(Logits);
            gates = StraightThrough.Substitute(p, (Logits >= 0).to_type(ScalarType.Float32));
        }

        return gates.cumprod(0) * LimitMask(count);
    }

    /// <summary>MinBits + Σ_k Π_{j≤k} P(gate j open). A hard-concrete level is in use when its sample
    /// z ≥ ½, which happens with probability σ(logit) — the L0 norm of the mask actually applied (Louizos
    /// et al.'s eq. 12 counts z ≠ 0, which here would include levels the forward drops), and ≥ ½ exactly
    /// when the deterministic gate is open, so the penalty and the exported bitwidth agree. For Heaviside
    /// gates the forward is the current bitwidth and the gradient is the sigmoid's.</summary>
    public Tensor ExpectedBits()
    {
        var count = MaxBits - MinBits;
        if (count == 0 || Frozen)
        {
            return full(1, (float)Bits);
        }

        var open = _relaxation == GateRelaxation.HardConcrete
            ? sigmoid(Logits)
            : StraightThrough.Substitute(sigmoid(Logits), (Logits >= 0).to_type(ScalarType.Float32));
        return ((open.cumprod(0) * LimitMask(count)).sum() + MinBits).reshape(1);
    }

    private Tensor LimitMask(int count) => (arange(count) < (Limit - MinBits)).to_type(ScalarType.Float32);
}
