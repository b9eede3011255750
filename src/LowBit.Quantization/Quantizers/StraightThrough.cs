using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// The two autograd tricks every quantizer here is built from, written as <c>y = a + (b − a).detach()</c>:
/// the forward value is <c>b</c>, the gradient is the gradient of <c>a</c>. No custom autograd function
/// is needed, so TorchSharp's own graph (and its memory management) handles everything.
/// </summary>
internal static class StraightThrough
{
    /// <summary>Round half to even in the forward, identity gradient (the straight-through estimator,
    /// Bengio et al. 2013).</summary>
    public static Tensor Round(Tensor x) => x + (x.round() - x).detach();

    /// <summary>Forward value <paramref name="hard"/>, gradient of <paramref name="soft"/>.</summary>
    public static Tensor Substitute(Tensor soft, Tensor hard) => soft + (hard - soft).detach();

    /// <summary>Same value as <paramref name="x"/>, gradient multiplied by <paramref name="scale"/>
    /// (LSQ's gradient scaling, Esser et al. 2020, section 2.2).</summary>
    public static Tensor ScaleGradient(Tensor x, double scale) => (x - (x * scale)).detach() + (x * scale);

    /// <summary>sign with sgn(0) = +1, so a value exactly between two levels goes up, as the exported
    /// thresholds do (level = #{ j : x ≥ b_j }).</summary>
    public static Tensor SignNonNegative(Tensor x) => where(x >= 0, ones_like(x), -ones_like(x));
}
