using System;
using System.Collections.Generic;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// What an activation quantizer does in eval mode, in the form the integer contract needs:
/// <c>level = MinLevel + #{ j : x ≥ Boundaries[j] }</c> (unsigned levels 0 … 2^b − 1, or signed levels
/// −2^(b−1) … 2^(b−1) − 1 for quantizers of values that may be negative, such as a residual branch before
/// its add) and the real value of a level is <c>Step · level</c>, so level 0 is real 0 and zero padding
/// stays exact. Uniform quantizers have <c>Boundaries[j] = Step · (j + ½)</c>; learned non-uniform
/// quantizers state their own.
/// </summary>
public sealed class ActivationGrid
{
    public ActivationGrid(int bits, double step, IReadOnlyList<double> boundaries, bool signed = false)
    {
        if (boundaries.Count != (1 << bits) - 1)
        {
            throw new ArgumentException($"{bits}-bit activations need {(1 << bits) - 1} boundaries, got {boundaries.Count}", nameof(boundaries));
        }

        if (!(step > 0) || double.IsInfinity(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "the activation step must be finite and > 0");
        }

        Bits = bits;
        Step = step;
        Boundaries = boundaries;
        Signed = signed;
    }

    public int Bits { get; }

    public double Step { get; }

    public IReadOnlyList<double> Boundaries { get; }

    public bool Signed { get; }

    public int MinLevel => Signed ? -(1 << (Bits - 1)) : 0;

    public int MaxLevel => Signed ? (1 << (Bits - 1)) - 1 : (1 << Bits) - 1;

    public int MaxMagnitude => Math.Max(-MinLevel, MaxLevel);

    public static ActivationGrid Uniform(int bits, double step)
    {
        var boundaries = new double[(1 << bits) - 1];
        for (var j = 0; j < boundaries.Length; j++)
        {
            boundaries[j] = step * (j + 0.5);
        }

        return new ActivationGrid(bits, step, boundaries);
    }
}
