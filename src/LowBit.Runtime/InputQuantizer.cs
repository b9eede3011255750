using System;
using LowBit.Manifest;

namespace LowBit.Runtime;

/// <summary>
/// The contract's input quantizer: v = x / scale (one IEEE single division), clamped to
/// [min − zeroPoint, max − zeroPoint] with NaN going to the lower bound, rounded half to even, plus the
/// zero point. Clamping before rounding keeps NaN and ±∞ well defined on every CPU (a float → int
/// conversion of NaN differs between x64 and ARM).
/// </summary>
public static class InputQuantizer
{
    public static int Quantize(float x, LevelFormat levels)
    {
        float low = levels.Min - levels.ZeroPoint;
        float high = levels.Max - levels.ZeroPoint;
        float v = x / levels.Scale;
        if (!(v >= low))
        {
            v = low;
        }
        else if (v > high)
        {
            v = high;
        }

        return (int)MathF.Round(v, MidpointRounding.ToEven) + levels.ZeroPoint;
    }

    public static void Quantize(ReadOnlySpan<float> input, LevelFormat levels, Span<int> output)
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = Quantize(input[i], levels);
        }
    }
}
