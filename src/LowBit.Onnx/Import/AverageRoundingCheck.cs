namespace LowBit.Onnx.Import;

/// <summary>
/// An average pool over levels whose scale is not a short dyadic number (Brevitas learns float scales) adds
/// float32 values whose partial sums round, so the graph's average depends on the order of its additions, within
/// <see cref="PendingAveragePool.RealBounds"/> of the exact one. The level after it is still one function of the
/// integer window sum when no step of the quantizer (through the float steps between) lies inside that interval:
/// a Trunc of the same scale rounds x / scale back to the integer sum first, far from any step, while a Quant of
/// another scale may put a step right at some average. Checked for every window sum of every channel (the levels
/// are monotone in the value, so the interval's two ends decide), so the import equals the graph for every
/// addition order, or is refused naming the window sum.
/// </summary>
internal static class AverageRoundingCheck
{
    public static void Require(AccumulatorSymbol accumulator, PendingAveragePool pool, ActivationQuantizer quantizer)
    {
        for (int c = 0; c < pool.OutChannels; c++)
        {
            var (low, high) = pool.Range(c);
            for (long a = low; a <= high; a++)
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
}
