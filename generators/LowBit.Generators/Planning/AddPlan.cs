namespace LowBit.Generators;

/// <summary>A residual add on stored (offset) levels: acc = m₀·u_a + m₁·u_b, thresholds shifted by the offsets' contribution.</summary>
internal sealed class AddPlan
{
    public AddPlan(int[] thresholds, bool[] negated, int bits, long accumulatorBound)
    {
        Thresholds = thresholds;
        Negated = negated;
        Bits = bits;
        AccumulatorBound = accumulatorBound;
    }

    public int[] Thresholds { get; }

    public bool[] Negated { get; }

    public int Bits { get; }

    public long AccumulatorBound { get; }

    /// <summary>The vector epilogue for 16 channels at a time; its raw mode keeps the scalar binary search.</summary>
    public VectorRequantization? Requantization { get; set; }
}
