using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// CPQ's categorical distribution over grid points with the multi-class straight-through estimator
/// (Lee et al., ICCV 2021, built on Relaxed Quantization, Louizos et al., ICLR 2019).
/// <para>Probabilities (RQ eq. 2–3): with logistic noise of scale σ on x, grid point g_i (code c_i, value
/// α·c_i) takes the mass of its cell, <c>π_i = S((g_i + w/2 − x)/σ) − S((g_i − w/2 − x)/σ)</c>, S the
/// logistic CDF, w the code spacing times α; the outermost cells extend to ±∞ so π sums to 1 over the grid
/// (RQ eq. 4's truncation). DropBits multiplies each point's π by its bit level's keep mask and
/// renormalises.</para>
/// <para>Forward: the mode of the distribution — the nearest kept grid point (no Gumbel noise, no
/// temperature), so training and inference quantize alike. Backward: the multi-class STE,
/// <c>ŷ = π + sg(onehot − π)</c>, <c>x̂ = α·Σ ŷ_i c_i</c>, so gradients reach x, α and σ through π and the
/// bit gates through the masks.</para>
/// </summary>
internal static class CategoricalGrid
{
    /// <param name="x">values, any shape.</param>
    /// <param name="candidates">codes of the candidate points, shape [K] or [..x, K].</param>
    /// <param name="keep">per-candidate keep mask (same shape as candidates) or null.</param>
    /// <param name="chosen">the code of the mode for each x (the nearest kept point), shape of x.</param>
    /// <param name="step">α.</param>
    /// <param name="noise">σ.</param>
    /// <param name="spacing">distance between neighbouring codes (1; 2 for binary ±1).</param>
    /// <param name="lowest">lowest code of the grid (its cell extends to −∞).</param>
    /// <param name="highest">highest code of the grid (its cell extends to +∞).</param>
    public static Tensor Quantize(Tensor x, Tensor candidates, Tensor? keep, Tensor chosen, Tensor step, Tensor noise, double spacing, double lowest, double highest)
    {
        var value = x.unsqueeze(-1);
        var centres = candidates * step;
        var half = step * (spacing / 2);
        var upper = where(candidates >= highest, ones_like(centres), sigmoid((centres + half - value) / noise));
        var lower = where(candidates <= lowest, zeros_like(centres), sigmoid((centres - half - value) / noise));
        var probability = upper - lower;
        if (keep is not null)
        {
            probability = probability * keep;
        }

        probability = probability / (probability.sum(-1, keepdim: true) + 1e-12);
        var onehot = candidates.eq(chosen.unsqueeze(-1)).to_type(x.dtype);
        var straightThrough = probability + (onehot - probability).detach();
        return step * (straightThrough * candidates).sum(-1);
    }
}
