using LowBit.Manifest;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Simulation;

/// <summary>The contract's average pooling on int64 levels: exact window sums, then the integer
/// round-half-to-even quotient q + 1 when 2r &gt; n or (2r = n and q odd), with q = ⌊sum / n⌋.</summary>
internal static class LevelPooling
{
    public static Tensor Average(Tensor x, AvgPool2dLayer pool, int zeroPoint)
    {
        var w = pool.Window;
        var area = (long)w.KernelHeight * w.KernelWidth;
        var padded = nn.functional.pad(x.to_type(ScalarType.Float64), new long[] { w.PadLeft, w.PadRight, w.PadTop, w.PadBottom }, PaddingModes.Constant, zeroPoint);
        // A sum over a ones kernel: whole numbers far below 2^53, exact in float64 in any order.
        var kernel = ones(x.shape[1], 1, w.KernelHeight, w.KernelWidth, ScalarType.Float64);
        var sums = nn.functional.conv2d(padded, kernel, null, new long[] { w.StrideHeight, w.StrideWidth }, new long[] { 0, 0 }, new long[] { 1, 1 }, x.shape[1]);
        return Divide(sums.round().to_type(ScalarType.Int64), area);
    }

    public static Tensor GlobalAverage(Tensor x) =>
        Divide(x.sum(new long[] { 2, 3 }, keepdim: true), x.shape[2] * x.shape[3]);

    private static Tensor Divide(Tensor sums, long count)
    {
        var quotient = sums.div(count, RoundingMode.floor);
        var twiceRemainder = (sums - (quotient * count)) * 2;
        var odd = quotient.remainder(2).ne(0);
        var up = twiceRemainder.gt(count).logical_or(twiceRemainder.eq(count).logical_and(odd));
        return quotient + up.to_type(ScalarType.Int64);
    }
}
