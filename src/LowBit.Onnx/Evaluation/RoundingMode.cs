using System;

namespace LowBit.Onnx.Evaluation;

/// <summary>QONNX's rounding modes (qonnx <c>resolve_rounding_mode</c>); ROUND is NumPy's round half to even.</summary>
public enum RoundingMode
{
    HalfEven,
    Ceil,
    Floor,
    Up,
    Down,
    HalfUp,
    HalfDown,
}

public static class RoundingModes
{
    /// <summary>Parses a QONNX <c>rounding_mode</c> attribute value; null when it names no known mode.</summary>
    public static RoundingMode? Parse(string text) => text.ToUpperInvariant() switch
    {
        "ROUND" or "HALF_EVEN" => RoundingMode.HalfEven,
        "CEIL" => RoundingMode.Ceil,
        "FLOOR" => RoundingMode.Floor,
        "UP" => RoundingMode.Up,
        "DOWN" => RoundingMode.Down,
        "HALF_UP" => RoundingMode.HalfUp,
        "HALF_DOWN" => RoundingMode.HalfDown,
        _ => null,
    };

    /// <summary>Rounds a float32 value to an integer-valued float; HALF_UP / HALF_DOWN break ties away from / toward zero.</summary>
    public static float Round(float x, RoundingMode mode) => mode switch
    {
        RoundingMode.HalfEven => MathF.Round(x, MidpointRounding.ToEven),
        RoundingMode.Ceil => MathF.Ceiling(x),
        RoundingMode.Floor => MathF.Floor(x),
        RoundingMode.Up => MathF.Sign(x) * MathF.Ceiling(MathF.Abs(x)),
        RoundingMode.Down => MathF.Truncate(x),
        RoundingMode.HalfUp => MathF.Round(x, MidpointRounding.AwayFromZero),
        _ => HalfTowardZero(x),
    };

    private static float HalfTowardZero(float x)
    {
        float magnitude = MathF.Abs(x);
        float floor = MathF.Floor(magnitude);
        float rounded = magnitude - floor > 0.5f ? floor + 1 : floor;
        return MathF.CopySign(rounded, x);
    }
}
