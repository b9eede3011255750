using System;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>
/// AveragePool or GlobalAveragePool on quantized levels, waiting for the quantizer after it (Trunc in Brevitas,
/// or Quant / MultiThreshold). The manifest sums each window exactly with a depthwise all-ones convolution;
/// the graph adds the window's float32 values and divides by the count. When every partial sum is exact in
/// float32 (checked here) the graph's average is a function of that integer sum alone, float32(sum) / count
/// rounded once, so the next quantizer's thresholds reproduce the graph's division and rounding bit for bit,
/// whatever rounding the quantizer uses. The manifest's own avgPool2d rounds half to even to the input's
/// grid, which is one particular quantizer; thresholds take every one a graph can state.
/// </summary>
internal sealed class PendingAveragePool : IPendingAccumulator
{
    /// <summary>Integers of magnitude up to 2^24 times a float32's odd mantissa part are exact float32 values.</summary>
    private const long ExactIntegers = 1L << 24;

    private readonly PendingLayer _windowSum;
    private readonly LevelsSymbol _input;
    private readonly Window2d _window;
    private readonly int _count;

    public PendingAveragePool(SourceNode node, LevelsSymbol input, Window2d window, int[] outputShape)
    {
        int channels = input.Shape[1];
        var ones = new IntegerWeights(Enumerable.Repeat(1, channels * window.Area).ToArray(), channels, Enumerable.Repeat(1.0, channels).ToArray(), WeightEncoding.Binary, 1, "all ones (window sum)");
        _windowSum = new PendingLayer(node, input, ones, window, channels, outputShape);
        _input = input;
        _window = window;
        _count = window.Area;
        RequireExactSums(node, input, window.Area);
    }

    public SourceNode Node => _windowSum.Node;

    public int OutChannels => _windowSum.OutChannels;

    public string IdStem => "avgpool";

    public long Bound => _windowSum.Bound;

    public (long Low, long High) Range(int channel) => _windowSum.Range(channel);

    /// <summary>The graph's average: the window's real sum (exact in float32) divided by the count in float32, as AveragePool computes it.</summary>
    public double Real(long accumulator, int channel) => (float)(_windowSum.Exact(accumulator, channel) * _input.Scale) / (float)_count;

    public Layer Emit(string id, Requantization requantization) => _windowSum.Emit(id, requantization);

    public string Describe() =>
        $"{Node.OpType} '{Node.Name}' {_window.KernelHeight}×{_window.KernelWidth} stride {_window.StrideHeight} on u{_input.Levels.Bits} levels as an exact depthwise all-ones window sum (binary weights), ÷ {_count} in float32 as the graph divides";

    /// <summary>
    /// The graph adds the window's values (α·L + β)·s in float32 in its own order; the sum is a function of the
    /// integer Σ(α·L + β) only when every partial sum n·s is exact, i.e. |n| times s's odd mantissa fits in 24 bits.
    /// </summary>
    private static void RequireExactSums(SourceNode node, LevelsSymbol input, int count)
    {
        long largest = Math.Max(Math.Abs((long)input.Beta), Math.Abs(((long)input.Alpha * input.MaxLevel) + input.Beta));
        long bound = largest * count;
        double scale = input.Scale;
        bool float32 = (double)(float)scale == scale && scale >= Math.Pow(2, -100) && bound * scale < Math.Pow(2, 100);
        long odd = float32 ? OddMantissa(scale) : long.MaxValue;
        if (!float32 || bound > ExactIntegers / odd)
        {
            throw OnnxImportException.AtNode(node, $"averages levels of scale {scale:R}: float32 sums of up to {bound} of its multiples are not all exact, so the graph's average depends on the order of its additions, not only on the window's integer sum.");
        }
    }

    /// <summary>The odd integer m with x = m·2^e.</summary>
    private static long OddMantissa(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        long mantissa = (bits & ((1L << 52) - 1)) | (1L << 52);
        return mantissa >> System.Numerics.BitOperations.TrailingZeroCount(mantissa);
    }
}
