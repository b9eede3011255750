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
        if (v > max)
        {
            v = (float)max;
        }

        if (v < min)
        {
            v = (float)min;
        }

        return RoundingModes.Round(v, mode);
    }

    /// <summary>Quant's output: (q − zeropt) · scale.</summary>
    public static float Quant(float x, float scale, float zeroPoint, double bits, bool signed, bool narrow, RoundingMode mode) =>
        (QuantInteger(x, scale, zeroPoint, bits, signed, narrow, mode) - zeroPoint) * scale;

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
