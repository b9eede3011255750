namespace LowBit.Onnx.Import;

/// <summary>
/// ONNX Runtime's fused int8 requantization (QLinearConv, QGemm, MlasRequantizeOutput), which its graph
/// optimizer substitutes for DequantizeLinear → Conv/Gemm → QuantizeLinear: the int32 accumulator plus
/// the int32 bias, converted to float32 and multiplied by M_c = float32(float32(s_x·s_w[c]) / s_y).
/// The quantizer then clamps, rounds half to even and adds the zero point, without dividing again.
/// </summary>
internal sealed record FusedRequantization(long[] Bias, float[] Multiplier)
{
    public float Value(long accumulator, int channel) => (float)(accumulator + Bias[channel]) * Multiplier[channel];
}
