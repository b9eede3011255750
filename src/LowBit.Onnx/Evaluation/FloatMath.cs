using System;

namespace LowBit.Onnx.Evaluation;

/// <summary>
/// Float32 arithmetic on the evaluator's double-held values: every result is rounded to float32, as a
/// float32 runtime computes it (a double op on float32 operands followed by one rounding gives the
/// correctly rounded float32 result for + − × ÷ and sqrt).
/// </summary>
internal static class FloatMath
{
    public static double Add(double a, double b) => (float)a + (float)b;

    public static double Sub(double a, double b) => (float)a - (float)b;

    public static double Mul(double a, double b) => (float)a * (float)b;

    public static double Div(double a, double b) => (float)a / (float)b;

    public static double Pow(double a, double b) => MathF.Pow((float)a, (float)b);

    public static double Sqrt(double a) => MathF.Sqrt((float)a);
}
