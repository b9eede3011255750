using System;
using LowBit.Manifest;

namespace LowBit.Onnx;

/// <summary>
/// The 8-bit quantization parameters a QDQ model gives a tensor: the real range of the levels it reaches spread over uint8
/// (non-negative range) or int8 (symmetric), as ONNX Runtime's static quantizer would from that range.
/// A symmetric int8 range saturates at ±max(|low|, |high|), so for a lopsided signed range the shorter side
/// is not clipped as the float model clips it: one of the ways the QDQ peer only approximates the model. The
/// range is that of the levels reached, so the 8-bit saturation is the layer's clip (a narrow 3-level
/// quantizer on a 2-bit grid saturates at its third level).
/// </summary>
internal sealed record ActivationQuantization(float Scale, int ZeroPoint, bool Signed)
{
    public static ActivationQuantization For(RealRange range)
    {
        if (range.Low >= 0)
        {
            float scale = range.High > range.Low ? (range.High - range.Low) / 255f : 1f;
            int zeroPoint = Math.Clamp((int)MathF.Round(-range.Low / scale), 0, 255);
            return new ActivationQuantization(scale, zeroPoint, Signed: false);
        }

        float magnitude = Math.Max(Math.Abs(range.Low), Math.Abs(range.High));
        return new ActivationQuantization(magnitude > 0 ? magnitude / 127f : 1f, 0, Signed: true);
    }
}
