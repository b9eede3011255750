using System;

namespace LowBit.Onnx.Evaluation;

/// <summary>
/// The QONNX operators' element formulas in float32 (fastmachinelearning/qonnx
/// <c>src/qonnx/custom_op/general/</c>): the evaluator applies them to tensors and the importer to one
/// channel's values when it derives thresholds, so both compute the same bits.
/// </summary>
public static class QonnxFormulas
{
    /// <summary>The integer grid of a Quant node: [min, max] as qonnx's min_int / max_int define it.</summary>
    public static (double Min, double Max) IntRange(bool signed, bool narrow, double bits)
    {
        double min = signed ? -Math.Pow(2, bits - 1) + (narrow ? 1 : 0) : 0;
        double max = signed ? Math.Pow(2, bits - 1) - 1 : Math.Pow(2, bits) - 1 - (narrow ? 1 : 0);
        return (min, max);
    }

    /// <summary>
    /// Quant's integer value before the zero point is removed: x / scale + zeropt, clamped, then rounded
    /// (qonnx clamps first). A signed 1-bit Quant is bipolar: ±1 by the sign, 0 counting as +1.
    /// </summary>
    public static float QuantInteger(float x, float scale, float zeroPoint, double bits, bool signed, bool narrow, RoundingMode mode)
    {
        float v = (x / scale) + zeroPoint;
        if (bits == 1 && signed)
        {
            return v >= 0 ? 1f : -1f;
        }

        var (min, max) = IntRange(signed, narrow, bits);
        return RoundingModes.Round(Clamp(v, min, max), mode);
    }

    /// <summary>Quant's output: (q − zeropt) · scale.</summary>
    public static float Quant(float x, float scale, float zeroPoint, double bits, bool signed, bool narrow, RoundingMode mode) =>
        (QuantInteger(x, scale, zeroPoint, bits, signed, narrow, mode) - zeroPoint) * scale;

    /// <summary>
    /// Trunc's divisor t = 2^round(log2(out_scale / scale)) (qonnx's Trunc from opset 2): the op assumes a
    /// power-of-two ratio and rounds any other one to the nearest power, in float32 as NumPy computes it.
    /// </summary>
    public static float TruncDivisor(float scale, float outScale) =>
        MathF.Pow(2, MathF.Round(MathF.Log2(outScale / scale), MidpointRounding.ToEven));

    /// <summary>
    /// Trunc's integer (opset 2 and later): x / scale + zeropt rounded half to even (the integer the input
    /// carries), divided by <paramref name="divisor"/>, clamped to the output grid, then rounded by
    /// rounding_mode (FLOOR by default): the bits a Brevitas average pool drops.
    /// </summary>
    public static float TruncInteger(float x, float scale, float zeroPoint, float divisor, double outBits, bool signed, bool narrow, RoundingMode mode)
    {
        float y = MathF.Round((x / scale) + zeroPoint, MidpointRounding.ToEven) / divisor;
        var (min, max) = IntRange(signed, narrow, outBits);
        return RoundingModes.Round(Clamp(y, min, max), mode);
    }

    /// <summary>Trunc's output (opset 2 and later): (y − zeropt / t) · out_scale.</summary>
    public static float Trunc(float x, float scale, float zeroPoint, float outScale, double outBits, bool signed, bool narrow, RoundingMode mode)
    {
        float divisor = TruncDivisor(scale, outScale);
        return (TruncInteger(x, scale, zeroPoint, divisor, outBits, signed, narrow, mode) - (zeroPoint / divisor)) * outScale;
    }

    /// <summary>
    /// Trunc of qonnx's first version (five inputs, no output scale): round(x / scale + zeropt) divided by
    /// 2^(in_bitwidth − out_bitwidth), rounded by rounding_mode without clamping, then (y − zeropt) · scale.
    /// </summary>
    public static float TruncFirstVersion(float x, float scale, float zeroPoint, double inBits, double outBits, RoundingMode mode) =>
        (TruncFirstVersionInteger(x, scale, zeroPoint, inBits, outBits, mode) - zeroPoint) * scale;

    /// <summary>The integer y of qonnx's first Trunc: round(x / scale + zeropt) / 2^(in − out bits), rounded by the mode, not clamped.</summary>
    public static float TruncFirstVersionInteger(float x, float scale, float zeroPoint, double inBits, double outBits, RoundingMode mode) =>
        RoundingModes.Round(MathF.Round((x / scale) + zeroPoint, MidpointRounding.ToEven) / (float)Math.Pow(2, inBits - outBits), mode);

    /// <summary>NumPy's np.where clamp qonnx uses: NaN passes through unchanged.</summary>
    private static float Clamp(float v, double min, double max)
    {
        if (v > max)
        {
            v = (float)max;
        }

        if (v < min)
        {
            v = (float)min;
        }

        return v;
    }

    /// <summary>BipolarQuant: +scale where x ≥ 0, −scale elsewhere (NaN included).</summary>
    public static float BipolarQuant(float x, float scale) => (x >= 0 ? 1f : -1f) * scale;

    /// <summary>MultiThreshold's count: how many of the channel's thresholds x reaches.</summary>
    public static int ThresholdCount(float x, ReadOnlySpan<double> thresholds)
    {
        int count = 0;
        foreach (double t in thresholds)
        {
            if (x >= (float)t)
            {
                count++;
            }
        }

        return count;
    }
}
