using System;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules;

/// <summary>
/// The integer contract's average of levels: window sums of whole levels (padding reads level 0), divided
/// by the window area and rounded half to even. In training the forward is that rounded value and the
/// gradient is the plain average's (straight-through), so training sees what the deployed model computes.
/// </summary>
internal static class LevelAverage
{
    /// <param name="x">Quantized activations, real value = step · level.</param>
    /// <param name="average">Plain average pooling (zero padding counted in the divisor), applied to x and to its levels.</param>
    public static Tensor Apply(Tensor x, double step, long area, Func<Tensor, Tensor> average)
    {
        var plain = average(x);
        Tensor rounded;
        using (no_grad())
        {
            // Levels are whole numbers: rounding x/step undoes float32's error in step·level exactly; window
            // sums of 8-bit levels stay far below float64's 2^53, so the division is the only rounding.
            var levels = (x.detach().to_type(ScalarType.Float64) / step).round();
            var sums = (average(levels) * area).round();
            rounded = ((sums / area).round() * step).to_type(plain.dtype);
        }

        return plain + (rounded - plain.detach());
    }
}
