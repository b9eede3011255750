using System;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// The quantization function of Quantization Networks (Yang et al., CVPR 2019, arXiv 1911.09464) for a
/// uniform target set, where every step s_i has the same height:
/// <list type="bullet">
/// <item>eq. 5 (ideal): <c>y = Σ_i s_i·A(βx − b_i) − o</c>, A the unit step (eq. 1, A(0) = 1);</item>
/// <item>eq. 7 (training): A replaced by the sigmoid with temperature T, <c>σ(T(βx − b_i))</c> (eq. 6),
/// scaled by the output scale α;</item>
/// <item>eq. 12 (inference): back to the unit step.</item>
/// </list>
/// Autograd through eq. 7 gives the paper's gradients (eq. 8–11). <see cref="SoftCount"/> evaluates the
/// sigmoid sum exactly when there are at most <see cref="Window"/> thresholds; with more (5–8 bits) it
/// evaluates the <see cref="Window"/> thresholds around x exactly and counts the others as 0 or 1 — at the
/// temperatures used (T ≥ 5 per threshold spacing) their sigmoids differ from 0 or 1 by less than 1e-5,
/// and it keeps memory at Window× the tensor instead of 255×.
/// </summary>
internal static class QnFunction
{
    public const int Window = 8;

    /// <summary>#{ i : z ≥ b_i } for ascending thresholds b (eq. 5 with unit steps).</summary>
    public static Tensor HardCount(Tensor z, Tensor thresholds) =>
        searchsorted(thresholds, z.contiguous(), right: true).to_type(z.dtype);

    /// <summary>Σ_i σ(T(z − b_i)) for ascending thresholds b (eq. 7 with unit steps, before α and o).</summary>
    public static Tensor SoftCount(Tensor z, Tensor thresholds, double temperature)
    {
        var count = thresholds.shape[0];
        if (count <= Window)
        {
            return sigmoid((z.unsqueeze(-1) - thresholds) * temperature).sum(-1);
        }

        Tensor first;
        using (no_grad())
        {
            var hard = searchsorted(thresholds, z.detach().contiguous(), right: true);
            first = (hard - (Window / 2)).clamp(0, count - Window);
        }

        var index = first.unsqueeze(-1) + arange(Window, ScalarType.Int64);
        var nearby = thresholds.index_select(0, index.reshape(-1)).reshape(index.shape);
        return sigmoid((z.unsqueeze(-1) - nearby) * temperature).sum(-1) + first.to_type(z.dtype);
    }

    /// <summary>Thresholds halfway between consecutive integers starting at <paramref name="lowest"/>:
    /// lowest + ½, lowest + 1½, … (<paramref name="count"/> of them), i.e. round-to-nearest onto the
    /// target set in the β-scaled domain.</summary>
    public static Tensor Midpoints(double lowest, int count) => arange(count, ScalarType.Float32) + (float)(lowest + 0.5);

    /// <summary>Temperature for an epoch: the paper raises T linearly with the epoch (§4: T = epoch × 5
    /// for ResNet, × 10 for AlexNet).</summary>
    public static double Temperature(double perEpoch, int epoch) => perEpoch * Math.Max(epoch, 1);
}
