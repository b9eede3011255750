using System;
using System.Collections.Generic;

namespace LowBit.Quantization.Quantizers;

/// <summary>
/// What an activation quantizer does in eval mode, in the form the integer contract needs:
/// <c>level = #{ j : x ≥ Boundaries[j] }</c> (unsigned levels 0 … 2^b − 1) and the real value of a level
/// is <c>Step · level</c>, so level 0 is real 0 and zero padding stays exact. Uniform quantizers have
/// <c>Boundaries[j] = Step · (j + ½)</c>; learned non-uniform quantizers state their own.
/// </summary>
public sealed class ActivationGrid
{
    public ActivationGrid(int bits, double step, IReadOnlyList<double> boundaries)
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
    }

    public int Bits { get; }

    public double Step { get; }

    public IReadOnlyList<double> Boundaries { get; }

    public int MaxLevel => (1 << Bits) - 1;

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
