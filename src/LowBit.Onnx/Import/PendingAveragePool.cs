using System;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>
/// AveragePool or GlobalAveragePool on quantized levels, waiting for the quantizer after it (Trunc in Brevitas,
/// or Quant / MultiThreshold). The manifest sums each window exactly with a depthwise all-ones convolution;
/// the graph adds the window's float32 values and divides by the count. When every partial sum is exact in
/// float32 (power-of-two scales) the graph's average is a function of that integer sum alone, float32(sum) /
/// count rounded once, so the next quantizer's thresholds reproduce the graph's division and rounding bit for
/// bit, whatever rounding the quantizer uses. Otherwise (scales as Brevitas learns them) the average carries a
/// rounding error that depends on the order of the additions, bounded by <see cref="RealBounds"/>, and
/// <see cref="AverageRoundingCheck"/> proves for every window sum that no quantizer step lies within it. When the
/// quantizer turns out to be the manifest's own avgPool2d / globalAvgPool (round half to even onto the input's grid,
/// <see cref="ManifestAverage"/>), that layer is emitted instead of the convolution.
/// </summary>
internal sealed class PendingAveragePool : IPendingAccumulator
{
    /// <summary>Integers of magnitude up to 2^24 times a float32's odd mantissa part are exact float32 values.</summary>
    private const long ExactIntegers = 1L << 24;

    private readonly PendingLayer _windowSum;
    private readonly LevelsSymbol _input;
    private readonly Window2d _window;
    private readonly int _count;

    /// <summary>max |α·L + β|: the largest integer a window position contributes.</summary>
    private readonly long _largest;

    public PendingAveragePool(SourceNode node, LevelsSymbol input, Window2d window, int[] outputShape)
    {
        int channels = input.Shape[1];
        var ones = new IntegerWeights(Enumerable.Repeat(1, channels * window.Area).ToArray(), channels, Enumerable.Repeat(1.0, channels).ToArray(), WeightEncoding.Binary, 1, "all ones (window sum)");
        _windowSum = new PendingLayer(node, input, ones, window, channels, outputShape);
        _input = input;
        _window = window;
        _count = window.Area;
        _largest = Math.Abs((long)input.Alpha * input.MaxLevel) + Math.Abs((long)input.Beta);
        RoundsInFloat = !SumsAreExact(input.Scale, _largest * _count);
    }

    /// <summary>True when the graph's float32 window sums can round, so its average is known only within <see cref="RealBounds"/>.</summary>
    public bool RoundsInFloat { get; }

    public double Scale => _input.Scale;

    /// <summary>The window sum's change per unit of the manifest's accumulator: the levels' α.</summary>
    public int Alpha => _input.Alpha;

    public LevelFormat InputLevels => _input.Levels;

    public Window2d Window => _window;

    public SourceNode Node => _windowSum.Node;

    public int OutChannels => _windowSum.OutChannels;

    public string IdStem => "avgpool";

    public long Bound => _windowSum.Bound;

    public (long Low, long High) Range(int channel) => _windowSum.Range(channel);

    /// <summary>
    /// The average as AveragePool computes it: the window's real sum rounded to float32 once, divided by the count in
    /// float32 — the graph's exactly when <see cref="RoundsInFloat"/> is false, else the middle of <see cref="RealBounds"/>.
    /// </summary>
    public double Real(long accumulator, int channel) => (float)(_windowSum.Exact(accumulator, channel) * _input.Scale) / (float)_count;

    /// <summary>
    /// The manifest's avgPool2d / globalAvgPool layer when the graph's quantizer gives exactly its levels (<see cref="ManifestAverage"/>),
    /// which the generator runs as a pool; otherwise the depthwise all-ones convolution with the derived thresholds.
    /// </summary>
    public Layer Emit(string id, Requantization requantization)
    {
        if (requantization is not ThresholdRequantization thresholds || !ManifestAverage.Matches(this, thresholds))
        {
            return _windowSum.Emit(id, requantization);
        }

        var input = new[] { _input.TensorId };
        var shape = _windowSum.OutputShape;
        return IsGlobal
            ? new GlobalAvgPoolLayer(id, input, TensorShape.Chw(shape[1], 1, 1))
            : new AvgPool2dLayer(id, input, TensorShape.Chw(shape[1], shape[2], shape[3]), _window);
    }

    /// <summary>One unpadded window over the whole input map: the manifest's globalAvgPool.</summary>
    private bool IsGlobal => _window.KernelHeight == _input.Shape[2] && _window.KernelWidth == _input.Shape[3] && _window.PadTop + _window.PadLeft + _window.PadBottom + _window.PadRight == 0;

    public string Describe() =>
        $"{Node.OpType} '{Node.Name}' {_window.KernelHeight}×{_window.KernelWidth} stride {_window.StrideHeight} on u{_input.Levels.Bits} levels: exact integer window sums, ÷ {_count} in float32 as the graph divides{(RoundsInFloat ? " (its float32 sums round: checked not to change any level)" : string.Empty)}";

    /// <summary>The graph's integer window sum Σ(α·L + β) for manifest accumulator <paramref name="accumulator"/>.</summary>
    public long WindowSum(long accumulator, int channel) => _windowSum.Exact(accumulator, channel);

    /// <summary>
    /// float32 values bracketing every average the graph can compute for this window sum, whatever the order of its
    /// additions. Each window value is n·s after at most a few float32 roundings (Quant's product, a Mul after it,
    /// MultiThreshold's multiply and add): within 8u·s·M of it, M = max |α·L + β|, u = 2^-24. Recursive float32
    /// summation of m values adds at most γ(m−1)·Σ|v| (Higham, Accuracy and Stability of Numerical Algorithms, §4.2),
    /// the division one more rounding; the bound is then doubled.
    /// </summary>
    public (float Low, float High) RealBounds(long accumulator, int channel)
    {
        const double Unit = 1.0 / (1 << 24);
        double magnitude = _input.Scale * _largest;
        double gamma = (_count - 1) * Unit / (1 - ((_count - 1) * Unit));
        double sumError = (_count * 8 * Unit * magnitude) + (gamma * _count * magnitude * (1 + (8 * Unit)));
        double exact = WindowSum(accumulator, channel) * _input.Scale;
        double error = 2 * (sumError + (Unit * (Math.Abs(exact) + sumError))) / _count;
        double average = exact / _count;
        return (MathF.BitDecrement((float)(average - error)), MathF.BitIncrement((float)(average + error)));
    }

    /// <summary>Every partial sum n·s, |n| ≤ <paramref name="bound"/>, is a float32 exactly when s is one and |n| times its odd mantissa fits in 24 bits.</summary>
    private static bool SumsAreExact(double scale, long bound)
    {
        bool float32 = (double)(float)scale == scale && scale >= Math.Pow(2, -100) && bound * scale < Math.Pow(2, 100);
        return float32 && bound <= ExactIntegers / OddMantissa(scale);
    }

    /// <summary>The odd integer m with x = m·2^e.</summary>
    private static long OddMantissa(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        long mantissa = (bits & ((1L << 52) - 1)) | (1L << 52);
        return mantissa >> System.Numerics.BitOperations.TrailingZeroCount(mantissa);
    }
}
