using System;
using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>
/// One float32 operation the graph applies per channel between an accumulator and its quantizer (a
/// scale, a bias, BatchNorm, ReLU). Applied in the graph's order with the graph's float32 rounding, so
/// thresholds derived through it reproduce the graph's decisions bit for bit.
/// </summary>
internal abstract class ChannelStep
{
    public abstract float Apply(float value, int channel);

    /// <summary>The step as v ↦ m·v + c in exact arithmetic, or null when it is not affine (ReLU).</summary>
    public abstract (double Slope, double Offset)? Affine(int channel);

    protected static double At(double[] values, int channel) => values.Length == 1 ? values[0] : values[channel];
}

/// <summary>v ∘ k for a per-channel (or scalar) constant k, with the constant on either side.</summary>
internal sealed class ArithmeticStep : ChannelStep
{
    private readonly string _op;
    private readonly double[] _constant;
    private readonly bool _constantFirst;

    public ArithmeticStep(string op, double[] constant, bool constantFirst)
    {
        _op = op;
        _constant = constant;
        _constantFirst = constantFirst;
    }

    public override float Apply(float value, int channel)
    {
        float k = (float)At(_constant, channel);
        var (a, b) = _constantFirst ? (k, value) : (value, k);
        return _op switch
        {
            "Add" => a + b,
            "Sub" => a - b,
            "Mul" => a * b,
            _ => a / b,
        };
    }

    public override (double Slope, double Offset)? Affine(int channel)
    {
        double k = (float)At(_constant, channel);
        return (_op, _constantFirst) switch
        {
            ("Add", _) => (1, k),
            ("Sub", false) => (1, -k),
            ("Sub", true) => (-1, k),
            ("Mul", _) => (k, 0),
            ("Div", false) => (1 / k, 0),
            _ => null,
        };
    }
}

/// <summary>BatchNormalization in inference mode, per channel, with the evaluator's float32 formula.</summary>
internal sealed class BatchNormStep : ChannelStep
{
    private readonly double[] _gamma;
    private readonly double[] _beta;
    private readonly double[] _mean;
    private readonly double[] _variance;
    private readonly float _epsilon;

    public BatchNormStep(double[] gamma, double[] beta, double[] mean, double[] variance, float epsilon)
    {
        _gamma = gamma;
        _beta = beta;
        _mean = mean;
        _variance = variance;
        _epsilon = epsilon;
    }

    public override float Apply(float value, int channel) =>
        ElementwiseOps.BatchNormFormula(value, _gamma[channel], _beta[channel], _mean[channel], _variance[channel], _epsilon);

    public override (double Slope, double Offset)? Affine(int channel)
    {
        double deviation = MathF.Sqrt((float)_variance[channel] + _epsilon);
        double slope = (float)_gamma[channel] / deviation;
        return (slope, (float)_beta[channel] - ((float)_mean[channel] * slope));
    }
}

/// <summary>max(v, 0).</summary>
internal sealed class ReluStep : ChannelStep
{
    public override float Apply(float value, int channel) => value > 0 ? value : 0;

    public override (double Slope, double Offset)? Affine(int channel) => null;
}

/// <summary>Clip(v, min, max) on an accumulator's value (ReLU6 and friends).</summary>
internal sealed class ClampStep : ChannelStep
{
    private readonly float _low;
    private readonly float _high;

    public ClampStep(float low, float high)
    {
        _low = low;
        _high = high;
    }

    public override float Apply(float value, int channel) => value < _low ? _low : value > _high ? _high : value;

    public override (double Slope, double Offset)? Affine(int channel) => null;
}
