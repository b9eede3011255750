using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// The DSQ function of Gong et al., "Differentiable Soft Quantization: Bridging Full-Precision and Low-Bit
/// Neural Networks", ICCV 2019 (arXiv 1908.05033), for <c>2^b</c> levels on the clipping range [l, u].
/// Labels D1–D7 are ours: the paper's PDF is not reachable from this machine, so its equation numbers
/// could not be checked; the section of each formula is given instead.
/// <code>
///   D1  Δ = (u − l) / (2^b − 1),  P_i = [l + iΔ, l + (i+1)Δ)                     §3.2
///   D2  φ(x) = s · tanh(k (x − m_i))  for x ∈ P_i                               §3.2
///   D3  m_i = l + (i + ½)Δ,   s = 1 / tanh(½ k Δ)                                §3.2
///   D4  Q_S(x) = l (x &lt; l),  u (x &gt; u),  l + Δ (i + (φ(x) + 1) / 2) otherwise §3.2
///   D5  α = 1 − tanh(½ k Δ)   ⇒   k = log(2/α − 1) / Δ,  s = 1 / (1 − α)         §3.3
///   D6  Q(x) = l + Δ (i + (sgn(φ(x)) + 1) / 2)   (forward; Q_S's gradient back)  §3.5
///   D7  α → 0 ⇒ k → ∞, s → 1, Q_S → Q (the hard uniform quantizer)              §3.3
/// </code>
/// The interval centre m_i is measured from l (a popular re-implementation forgets to). i and the
/// clipping use the detached interval index, as the paper differentiates only inside an interval.
/// </summary>
internal static class DsqFunction
{
    /// <summary>φ(x) on the clipped input, with the detached interval index i.</summary>
    public static (Tensor Phi, Tensor Index, Tensor Step) Phi(Tensor x, Tensor lower, Tensor upper, Tensor alpha, int levelCount)
    {
        var step = (upper - lower) / (levelCount - 1);
        var clipped = minimum(maximum(x, lower), upper);
        var index = ((clipped - lower) / step).floor().clamp(0, levelCount - 2).detach();
        var centre = lower + ((index + 0.5) * step);
        var sharpness = ((2.0 / alpha) - 1.0).log() / step;
        var amplitude = 1.0 / (0.5 * sharpness * step).tanh();
        return (amplitude * (sharpness * (clipped - centre)).tanh(), index, step);
    }

    /// <summary>Q_S(x), D4: differentiable in x, l, u and α.</summary>
    public static Tensor Soft(Tensor x, Tensor lower, Tensor upper, Tensor alpha, int levelCount)
    {
        var (phi, index, step) = Phi(x, lower, upper, alpha, levelCount);
        return lower + (step * (index + ((phi + 1.0) / 2.0)));
    }

    /// <summary>The level index 0 … 2^b − 1 that D6's sign picks (sgn(0) = +1, so ties go up).</summary>
    public static Tensor HardLevel(Tensor x, Tensor lower, Tensor upper, Tensor alpha, int levelCount)
    {
        var (phi, index, _) = Phi(x, lower, upper, alpha, levelCount);
        return index + ((StraightThrough.SignNonNegative(phi) + 1.0) / 2.0);
    }

    /// <summary>Training forward: the hard value of D6, with the gradient of Q_S (D4), as the
    /// paper trains (§3.5: the sign in the forward, the DSQ function in the backward).</summary>
    public static Tensor HardWithSoftGradient(Tensor x, Tensor lower, Tensor upper, Tensor alpha, int levelCount)
    {
        var (phi, index, step) = Phi(x, lower, upper, alpha, levelCount);
        var softPhi = (phi + 1.0) / 2.0;
        var hardPhi = (StraightThrough.SignNonNegative(phi) + 1.0) / 2.0;
        return lower + (step * (index + StraightThrough.Substitute(softPhi, hardPhi)));
    }
}
