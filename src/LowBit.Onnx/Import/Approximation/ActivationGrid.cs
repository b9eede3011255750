using System;

namespace LowBit.Onnx.Import;

/// <summary>
/// An 8-bit activation quantizer chosen from a calibrated range: unsigned 0 … 255 (zero point 0) when nothing
/// negative was seen, else signed narrow −127 … 127, symmetric, so 0 is a level (the import pads convs with it).
/// </summary>
internal sealed record ActivationGrid(float Scale, bool Signed)
{
    public const int Bits = 8;

    public static ActivationGrid For(double min, double max, bool powerOfTwo)
    {
        bool signed = min < 0;
        double top = signed ? Math.Max(-min, max) : max;
        // A tensor that is 0 on every calibration input gets any positive scale; 0 would divide by zero.
        float scale = top > 0 ? (float)(top / (signed ? 127 : 255)) : 1f;
        return new ActivationGrid(powerOfTwo ? PowerOfTwoScale.AtLeast(scale) : scale, signed);
    }

    public override string ToString() => $"{(Signed ? "s8 narrow" : "u8")}, scale {Scale:G6}";
}
