using System.Linq;
using static TorchSharp.torch;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// Quantizes values that may be negative — a residual branch before its add, a MobileNetV2 linear
/// bottleneck — to signed levels −2^(b−1) … 2^(b−1) − 1 with any method's unsigned quantizer:
/// <c>q(x) = inner(x + h·Δ) − h·Δ</c>, h = 2^(b−1), Δ the inner step. The shift is a constant within a
/// forward (read from the inner grid), so gradients reach x and the inner quantizer's parameters exactly
/// as they would unshifted, and level 0 still means real 0 (zero padding stays exact).
/// </summary>
public sealed class SignedActivationQuantizer : ActivationQuantizer
{
    public SignedActivationQuantizer(ActivationQuantizer inner) : base("SignedActivation", inner.Bits)
    {
        Inner = inner;
        register_module("inner", Inner);
    }

    public ActivationQuantizer Inner { get; }

    private int HalfRange => 1 << (Bits - 1);

    public override ActivationGrid Grid()
    {
        var inner = Inner.Grid();
        var shift = HalfRange * inner.Step;
        return new ActivationGrid(Bits, inner.Step, inner.Boundaries.Select(b => b - shift).ToArray(), signed: true);
    }

    protected override Tensor TrainingForward(Tensor x)
    {
        // The shift is read from the inner range, so the inner quantizer must not initialise its range
        // from x + shift on the first batch: with a range still at its placeholder (a step of 1, say)
        // the shift is 2^(b−1), the first batch starts the step at ~2^b·⟨|x|⟩ and nearly every value
        // rounds to level 0 for the whole of a short schedule. Started from |x| instead, each method's
        // rule picks the step it would for values of that size (for N(0, 1) and LSQ's rule: 0.92, 0.41,
        // 0.10 at 2, 4, 8 bits, near the least-squares uniform steps 1.0, 0.34, 0.03).
        using (no_grad())
        {
            Inner.InitializeRange(x.detach().abs());
        }

        return Shifted(x);
    }

    protected override Tensor EvalForward(Tensor x) => Shifted(x);

    private Tensor Shifted(Tensor x)
    {
        var shift = (float)(HalfRange * Inner.Grid().Step);
        return Inner.call(x + shift) - shift;
    }
}
