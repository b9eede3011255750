using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Onnx;

/// <summary>
/// Lowers a manifest to float ONNX operators that compute exactly what the integer contract says:
/// every value is an integer held in a float, so sums are exact while they stay below 2^24, and
/// requantization counts the thresholds an accumulator reaches (GreaterOrEqual, Cast, ReduceSum).
/// </summary>
internal sealed class ExactLowering
{
    /// <summary>Integers up to 2^24 are exactly representable in float; sums beyond it may round.</summary>
    public const long ExactFloatLimit = 1L << 24;

    private readonly OnnxGraph _graph;
    private readonly List<string> _warnings;

    public ExactLowering(OnnxGraph graph, List<string> warnings)
    {
        _graph = graph;
        _warnings = warnings;
    }

    public LoweredTensor QuantizeInput(string input, InputSpec spec)
    {
        var levels = spec.Levels;
        var low = _graph.Scalar("input_low", levels.Min - levels.ZeroPoint);
        var high = _graph.Scalar("input_high", levels.Max - levels.ZeroPoint);
        var scaled = _graph.Node("Div", "input_scaled", input, _graph.Scalar("input_scale", levels.Scale));

        // The contract sends NaN to the lower bound; Clip would pass it through.
        var isNan = _graph.Node("IsNaN", "input_is_nan", scaled);
        var noNan = _graph.Node("Where", "input_not_nan", isNan, low, scaled);
        var clipped = _graph.Node("Clip", "input_clipped", noNan, low, high);
        var rounded = _graph.Node("Round", "input_rounded", clipped);
        return new LoweredTensor(AddConstant(rounded, levels.ZeroPoint, "input_levels"), spec.Shape, levels);
    }

    public string Conv2d(Conv2dLayer conv, LoweredTensor input)
    {
        var weights = WeightValues.Of(conv);
        int zeroPoint = input.Levels.ZeroPoint;
        CheckBound(conv.Id, MaxRow(WeightValues.RowAbsoluteSums(weights, conv.OutChannels)) * (CenteredMagnitude(input.Levels) + Math.Abs(zeroPoint)));

        // ONNX pads with 0; the contract pads with the zero point. Centering the input makes the two agree,
        // and the bias adds back what the centered-away zero point contributed: zp·Σw per channel.
        var centered = AddConstant(input.Name, -zeroPoint, conv.Id + "_centered");
        var bias = WeightValues.RowSums(weights, conv.OutChannels).Select(sum => (float)(sum * zeroPoint)).ToArray();
        return _graph.Node(
            "Conv",
            conv.Id + "_acc",
            new[]
            {
                centered,
                _graph.Floats(conv.Id + "_weight", weights.Select(w => (float)w).ToArray(), ValueShapes.Dims(conv)),
                _graph.Floats(conv.Id + "_bias", bias, conv.OutChannels),
            },
            WindowAttributes.Of(conv.Window, conv.Groups).ToArray());
    }

    public string Linear(LinearLayer linear, LoweredTensor input)
    {
        var weights = WeightValues.Of(linear);
        CheckBound(linear.Id, MaxRow(WeightValues.RowAbsoluteSums(weights, linear.OutFeatures)) * input.Levels.MaxMagnitude);
        var transposed = WeightValues.Transposed(weights, linear.OutFeatures, linear.InFeatures);
        return _graph.Node("MatMul", linear.Id + "_acc", input.Name, _graph.Floats(linear.Id + "_weight", transposed, linear.InFeatures, linear.OutFeatures));
    }

    public string Add(AddLayer add, LoweredTensor first, LoweredTensor second)
    {
        CheckBound(add.Id, AccumulatorBounds.Add(add.FirstMultiplier, first.Levels, add.SecondMultiplier, second.Levels));
        var a = _graph.Node("Mul", add.Id + "_first", first.Name, _graph.Scalar(add.Id + "_m0", add.FirstMultiplier));
        var b = _graph.Node("Mul", add.Id + "_second", second.Name, _graph.Scalar(add.Id + "_m1", add.SecondMultiplier));
        return _graph.Node("Add", add.Id + "_acc", a, b);
    }

    public string MaxPool2d(MaxPool2dLayer pool, LoweredTensor input) =>
        _graph.Node("MaxPool", pool.Id, new[] { input.Name }, WindowAttributes.Of(pool.Window).ToArray());

    /// <summary>
    /// A depthwise all-ones convolution sums each window exactly (AveragePool may multiply by 1/area, which
    /// can round a tie the wrong way); the division by the area is then one correctly rounded Div.
    /// </summary>
    public string AvgPool2d(AvgPool2dLayer pool, LoweredTensor input)
    {
        int channels = input.Shape.Channels;
        int area = pool.Window.Area;
        CheckBound(pool.Id, (long)area * (CenteredMagnitude(input.Levels) + Math.Abs(input.Levels.ZeroPoint)));
        var centered = AddConstant(input.Name, -input.Levels.ZeroPoint, pool.Id + "_centered");
        var ones = Enumerable.Repeat(1f, channels * area).ToArray();
        var windowSum = _graph.Node(
            "Conv",
            pool.Id + "_sum",
            new[] { centered, _graph.Floats(pool.Id + "_ones", ones, channels, 1, pool.Window.KernelHeight, pool.Window.KernelWidth) },
            WindowAttributes.Of(pool.Window, channels).ToArray());
        var sum = AddConstant(windowSum, area * input.Levels.ZeroPoint, pool.Id + "_level_sum");
        return DivideRoundHalfEven(sum, area, pool.Id);
    }

    public string GlobalAvgPool(GlobalAvgPoolLayer pool, LoweredTensor input)
    {
        int area = input.Shape.Height * input.Shape.Width;
        CheckBound(pool.Id, AccumulatorBounds.PoolSum(area, input.Levels));
        var sum = _graph.Node(
            "ReduceSum",
            pool.Id + "_sum",
            new[] { input.Name, _graph.Int64s(pool.Id + "_axes", new long[] { 2, 3 }, 2) },
            OnnxGraph.Attribute("keepdims", 1L));
        return DivideRoundHalfEven(sum, area, pool.Id);
    }

    public string Flatten(FlattenLayer flatten, LoweredTensor input) =>
        _graph.Node("Flatten", flatten.Id, new[] { input.Name }, OnnxGraph.Attribute("axis", 1L));

    /// <summary>level = Min + #{ j : s_c·acc ≥ T[c, j] }.</summary>
    public string Requantize(string accumulator, ThresholdRequantization requantize, TensorShape shape, string id)
    {
        int channels = shape.Channels;
        var signed = accumulator;
        if (requantize.NegatedChannels.Length > 0)
        {
            var signs = Enumerable.Range(0, channels).Select(c => requantize.IsNegated(c) ? -1f : 1f).ToArray();
            signed = _graph.Node("Mul", id + "_signed", accumulator, _graph.Floats(id + "_signs", signs, ValueShapes.PerChannel(shape)));
        }

        int count = requantize.ThresholdsPerChannel;
        var thresholds = requantize.Thresholds.ToArray().Select(t => (float)t).ToArray();
        var lastAxis = _graph.Int64s(id + "_last_axis", new long[] { -1 }, 1);
        var expanded = _graph.Node("Unsqueeze", id + "_expanded", signed, lastAxis);
        var reached = _graph.Node("GreaterOrEqual", id + "_reached", expanded, _graph.Floats(id + "_thresholds", thresholds, ValueShapes.PerChannelRow(shape, count)));
        var ones = _graph.Node("Cast", id + "_reached_float", new[] { reached }, OnnxGraph.Attribute("to", (long)Proto.TensorProto.Types.DataType.Float));
        var steps = _graph.Node("ReduceSum", id + "_steps", new[] { ones, lastAxis }, OnnxGraph.Attribute("keepdims", 0L));
        return AddConstant(steps, requantize.Levels.Min, id);
    }

    /// <summary>y[c] = (float)acc·Scale[c] + Bias[c]: one multiply and one add, as the contract says.</summary>
    public string FloatOutput(string accumulator, FloatOutput output, TensorShape shape, string id)
    {
        var scaled = _graph.Node("Mul", id + "_scaled", accumulator, _graph.Floats(id + "_scale", output.Scale.ToArray(), ValueShapes.PerChannel(shape)));
        return _graph.Node("Add", id + "_output", scaled, _graph.Floats(id + "_output_bias", output.Bias.ToArray(), ValueShapes.PerChannel(shape)));
    }

    private string DivideRoundHalfEven(string sum, int divisor, string id)
    {
        var quotient = _graph.Node("Div", id + "_mean", sum, _graph.Scalar(id + "_area", divisor));
        return _graph.Node("Round", id, quotient);
    }

    private string AddConstant(string value, int constant, string stem) =>
        constant == 0 ? value : _graph.Node("Add", stem, value, _graph.Scalar(stem + "_offset", constant));

    private static long MaxRow(long[] rows) => rows.Length == 0 ? 0 : rows.Max();

    /// <summary>The largest |level − zero point|: what a centered value can reach before the zero point is added back.</summary>
    private static long CenteredMagnitude(LevelFormat levels) =>
        Math.Max(Math.Abs((long)levels.Min - levels.ZeroPoint), Math.Abs((long)levels.Max - levels.ZeroPoint));

    private void CheckBound(string layerId, long bound)
    {
        if (bound >= ExactFloatLimit)
        {
            _warnings.Add(
                $"layer '{layerId}': its sums can reach {bound:N0}, beyond 2^24 = {ExactFloatLimit:N0}, where float addition may round; " +
                "ONNX results can then differ from the interpreter by a level where a sum lands next to a threshold.");
        }
    }
}
