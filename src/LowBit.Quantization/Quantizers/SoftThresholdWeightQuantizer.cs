using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// Soft-threshold weights: STTN at 2 bits (Xu et al., IJCAI 2020, "Soft Threshold Ternary Networks") and
/// its n-bit generalisation STQN (Xu et al., IEEE TCSVT 2022).
/// <para>STTN trains two binary kernels of latent weights W₁, W₂ and uses their sum
/// <c>T = α(sign W₁ + sign W₂) ∈ {−2α, 0, 2α}</c>: a weight is zero exactly when the branches disagree, so
/// no threshold Δ is ever chosen — the zero interval is learned per weight. α is per output channel and
/// shared by the branches, <c>α = (‖W₁‖₁ + ‖W₂‖₁)/(2n)</c> (the authors' code), and it stays in the graph,
/// so the gradient accounts for the branches' interdependence through α. sign has the straight-through
/// gradient clipped to |W| ≤ 1 (the authors clamp latent weights to [−1, 1]).</para>
/// <para>STQN at b bits (our reading — the TCSVT text is not available here): 2M branches with
/// M = 2^(b−1) − 1 give <c>α·Σ sign W_j ∈ 2α·{−M, …, M}</c>, the symmetric b-bit grid, with every weight's
/// intervals learned by its own branches instead of by round-to-nearest. At 1 bit there is one branch
/// (binary weights with a per-channel scale).</para>
/// The layer's own weight is branch 1; the other branches are parameters of this quantizer, initialised
/// as independent shuffles of the layer's initial weights (identical copies would never disagree).
/// </summary>
public sealed class SoftThresholdWeightQuantizer : WeightQuantizer
{
    private Parameter? _extraBranches;

    public SoftThresholdWeightQuantizer(int bits) : base(bits == 2 ? "SttnWeight" : "StqnWeight", bits)
    {
    }

    public override WeightGrid Grid => Bits == 1 ? WeightGrid.Binary : WeightGrid.Symmetric(Bits);

    /// <summary>Number of binary branches: 1 at 1 bit, 2^b − 2 otherwise (2 for ternary).</summary>
    public int BranchCount => Bits == 1 ? 1 : (1 << Bits) - 2;

    protected override void OnAttach(Parameter weight)
    {
        if (BranchCount == 1)
        {
            return;
        }

        using var _ = no_grad();
        _extraBranches = new Parameter(Shuffles(weight), requires_grad: true);
        register_parameter("branches", _extraBranches);
    }

    /// <summary>A pretrained weight gets branches shuffled from it, in place: the optimizer already holds them.</summary>
    protected override void OnWeightReplaced(Parameter weight)
    {
        if (_extraBranches is null)
        {
            return;
        }

        using var _ = no_grad();
        _extraBranches.copy_(Shuffles(weight));
    }

    private Tensor Shuffles(Tensor weight)
    {
        var flat = weight.detach().reshape(-1);
        var shuffles = new Tensor[BranchCount - 1];
        for (var i = 0; i < shuffles.Length; i++)
        {
            shuffles[i] = flat.index_select(0, randperm(flat.shape[0])).reshape(weight.shape);
        }

        return stack(shuffles);
    }

    protected override Tensor TrainingForward(Tensor weight)
    {
        var branches = Branches(weight);
        var signs = StraightThrough.Substitute(branches.clamp(-1, 1), StraightThrough.SignNonNegative(branches));
        return ChannelScale(branches, weight) * signs.sum(dim: 0);
    }

    public override (Tensor Codes, Tensor Scale) Encode(Tensor weight)
    {
        using var _ = no_grad();
        var branches = Branches(weight);
        var sum = StraightThrough.SignNonNegative(branches).sum(dim: 0);
        var alpha = ChannelScale(branches, weight);
        return Bits == 1 ? (sum, alpha) : (sum / 2, alpha * 2);
    }

    private Tensor Branches(Tensor weight)
    {
        if (BranchCount == 1)
        {
            return weight.unsqueeze(0);
        }

        if (_extraBranches is null)
        {
            throw new InvalidOperationException($"{GetName()}: attach the quantizer to its layer first (QConv2d and QLinear do); STTN/STQN keep their extra branches beside the layer's weight");
        }

        if (!_extraBranches.shape.AsSpan(1).SequenceEqual(weight.shape))
        {
            throw new ArgumentException($"{GetName()}: attached to a weight of shape [{string.Join(", ", _extraBranches.shape[1..])}] but called with [{string.Join(", ", weight.shape)}]");
        }

        return cat(new[] { weight.unsqueeze(0), _extraBranches }, 0);
    }

    /// <summary>α per output channel, shaped to broadcast against the weight: the mean |W| over all branches.</summary>
    private static Tensor ChannelScale(Tensor branches, Tensor weight)
    {
        var channels = weight.shape[0];
        var shape = new long[weight.dim()];
        Array.Fill(shape, 1L);
        shape[0] = channels;
        return branches.abs().transpose(0, 1).reshape(channels, -1).mean(new long[] { 1 }).reshape(shape);
    }
}
