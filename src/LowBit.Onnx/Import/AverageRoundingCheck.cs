namespace LowBit.Onnx.Import;

/// <summary>
/// An average pool over levels whose scale is not a short dyadic number (Brevitas learns float scales) adds
/// float32 values whose partial sums round, so the graph's average depends on the order of its additions, within
/// <see cref="PendingAveragePool.RealBounds"/> of the exact one. The level after it is still one function of the
/// integer window sum when no step of the quantizer (through the float steps between) lies inside that interval:
/// a Trunc of the same scale rounds x / scale back to the integer sum first, far from any step, while a Quant of
/// another scale may put a step right at some average. Holds for every window sum of every channel, so the import
/// equals the graph for every addition order, or is refused naming the first window sum where it does not.
/// </summary>
/// <remarks>
/// For each manifest accumulator a, the levels at the interval's two ends, first(a) and last(a), are one monotone
/// function (the float steps and the quantizer) of bounds that grow with a, because the window sum α·a + β·area and
/// the scale grow with it (α &gt; 0 and scale &gt; 0, required below). So both move in one direction, and first(a) lies
/// between last(a) and first of any smaller a. Once both ends agree at a, they agree for every larger a until last
/// changes: the check visits only the accumulators where it changes (a binary search each), at most one per level
/// instead of every one (a 7×7 pool of u8 levels has 12,496 per channel).
/// </remarks>
internal static class AverageRoundingCheck
{
    public static void Require(AccumulatorSymbol accumulator, PendingAveragePool pool, ActivationQuantizer quantizer)
    {
        if (pool.Alpha <= 0 || pool.Scale <= 0)
        {
            throw OnnxImportException.AtNode(pool.Node, $"averages levels whose real value does not grow with the level (α {pool.Alpha}, scale {pool.Scale:R}); the rounding check needs it to.");
        }

        for (int c = 0; c < pool.OutChannels; c++)
        {
            var (low, high) = pool.Range(c);
            for (long a = low; a <= high; a = LastWithSameLevel(accumulator, pool, quantizer, c, a, high) + 1)
            {
                var (least, most) = pool.RealBounds(a, c);
                int first = quantizer.Level(accumulator.ValueOf(least, c), c);
                int last = quantizer.Level(accumulator.ValueOf(most, c), c);
                if (first != last)
                {
                    throw OnnxImportException.AtNode(pool.Node, $"channel {c}: the window sum {pool.WindowSum(a, c)} × {pool.Scale:R} (a scale whose float32 multiples do not all add exactly) averages to between {least:R} and {most:R} depending on the order of the graph's additions, and '{quantizer.Node.Name}' ({quantizer.Node.OpType}) gives level {first} at one end and {last} at the other: no integer model computes the graph's result for every order.");
                }
            }
        }
    }

    /// <summary>The largest accumulator in [<paramref name="from"/>, <paramref name="high"/>] whose average's upper end has the level of <paramref name="from"/>'s.</summary>
    private static long LastWithSameLevel(AccumulatorSymbol accumulator, PendingAveragePool pool, ActivationQuantizer quantizer, int channel, long from, long high)
    {
        int UpperLevel(long a) => quantizer.Level(accumulator.ValueOf(pool.RealBounds(a, channel).High, channel), channel);
        int level = UpperLevel(from);
        long lo = from, hi = high;
        while (lo < hi)
        {
            long mid = lo + ((hi - lo + 1) / 2);
            if (UpperLevel(mid) == level)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }
}
