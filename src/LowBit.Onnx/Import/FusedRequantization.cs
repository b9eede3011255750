namespace LowBit.Onnx.Import;

/// <summary>
/// ONNX Runtime's fused int8 requantization (QLinearConv, QGemm, MlasRequantizeOutput), which its graph
/// optimizer substitutes for DequantizeLinear → Conv/Gemm → QuantizeLinear: the int32 accumulator plus
/// the int32 bias, converted to float32 and multiplied by M_c = float32(float32(s_x·s_w[c]) / s_y).
/// The quantizer then clamps, rounds half to even and adds the zero point, without dividing again.
/// </summary>
internal sealed record FusedRequantization(long[] Bias, float[] Multiplier)
{
    /// <summary>M_c computed in float32 in ONNX Runtime's order: the two input scales multiplied, then divided by the output scale.</summary>
    public static FusedRequantization For(double inputScale, double[] weightScales, double outputScale, long[] bias) =>
        new(bias, System.Array.ConvertAll(weightScales, w => ((float)inputScale * (float)w) / (float)outputScale));

    public float Value(long accumulator, int channel) => (float)(accumulator + Bias[channel]) * Multiplier[channel];
}
