using System;

namespace LowBit.Manifest;

/// <summary>
/// The model's output: <c>y[c] = (float)acc * Scale[c] + Bias[c]</c>, evaluated as one float multiply
/// followed by one float add, each rounded (never fused), so every platform produces the same bits.
/// </summary>
public sealed class FloatOutput : Requantization
{
    private readonly float[] _scale;
    private readonly float[] _bias;

    public FloatOutput(float[] scale, float[] bias)
    {
        _scale = scale ?? throw new ArgumentNullException(nameof(scale));
        _bias = bias ?? throw new ArgumentNullException(nameof(bias));
    }

    public ReadOnlySpan<float> Scale => _scale;

    public ReadOnlySpan<float> Bias => _bias;
}
