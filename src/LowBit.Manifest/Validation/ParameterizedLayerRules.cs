namespace LowBit.Manifest;

/// <summary>Rules for the layers with weights: conv2d and linear.</summary>
internal static class ParameterizedLayerRules
{
    public static TensorInfo? CheckConv2d(ValidationContext context, Conv2dLayer conv, string path, TensorInfo input, bool isLast)
    {
        if (!ShapeRules.RequireFeatureMap(context, input, conv.Inputs[0], path + ".inputs[0]"))
        {
            return null;
        }

        bool valid = context.Check(
            conv.InChannels == input.Shape.Channels,
            path + ".inChannels",
            $"expected {input.Shape.Channels} (the channels of \"{conv.Inputs[0]}\", shape {input.Shape}), found {conv.InChannels}");
        valid &= context.Check(conv.OutChannels >= 1, path + ".outChannels", $"expected at least 1 output channel, found {conv.OutChannels}");
        valid = valid && context.Check(
            conv.Groups >= 1 && conv.InChannels % conv.Groups == 0 && conv.OutChannels % conv.Groups == 0,
            path + ".groups",
            $"expected a group count ≥ 1 that divides inChannels ({conv.InChannels}) and outChannels ({conv.OutChannels}), found {conv.Groups}");
        if (!valid || LayerRules.CheckWindow(context, conv.Window, input.Shape, path, padWithinHalfKernel: false) is not var (height, width))
        {
            return null;
        }

        var shape = TensorShape.Chw(conv.OutChannels, height, width);
        if (!ShapeRules.CheckStated(context, conv.OutputShape, shape, path + ".outputShape", "outChannels and the window applied to the input")
            || !ShapeRules.CheckDims(context, shape, path + ".outputShape"))
        {
            return null;
        }

        var weightShape = $"[{conv.OutChannels}, {conv.InChannelsPerGroup}, {conv.Window.KernelHeight}, {conv.Window.KernelWidth}]";
        return CheckWeightsAndRequantization(context, conv.Weights, conv.WeightCount, weightShape, conv.FanIn, conv.Requantize, conv.OutChannels, path, input, shape, isLast);
    }

    public static TensorInfo? CheckLinear(ValidationContext context, LinearLayer linear, string path, TensorInfo input, bool isLast)
    {
        if (!context.Check(
                input.Shape.Rank == 1,
                path + ".inputs[0]",
                $"expected a feature vector, found \"{linear.Inputs[0]}\" with shape {input.Shape} (add a flatten layer first)"))
        {
            return null;
        }

        bool valid = context.Check(
            linear.InFeatures == input.Shape.Channels,
            path + ".inFeatures",
            $"expected {input.Shape.Channels} (the length of \"{linear.Inputs[0]}\"), found {linear.InFeatures}");
        valid &= context.Check(linear.OutFeatures >= 1, path + ".outFeatures", $"expected at least 1 output feature, found {linear.OutFeatures}");
        var shape = TensorShape.Vector(linear.OutFeatures);
        if (!valid
            || !ShapeRules.CheckStated(context, linear.OutputShape, shape, path + ".outputShape", "[outFeatures]")
            || !ShapeRules.CheckDims(context, shape, path + ".outputShape"))
        {
            return null;
        }

        var weightShape = $"[{linear.OutFeatures}, {linear.InFeatures}]";
        return CheckWeightsAndRequantization(context, linear.Weights, linear.WeightCount, weightShape, linear.InFeatures, linear.Requantize, linear.OutFeatures, path, input, shape, isLast);
    }

    private static TensorInfo? CheckWeightsAndRequantization(
        ValidationContext context,
        PackedWeights weights,
        long weightCount,
        string weightShape,
        long fanIn,
        Requantization requantization,
        int channels,
        string path,
        TensorInfo input,
        TensorShape outputShape,
        bool isLast)
    {
        if (!context.Check(weightCount <= int.MaxValue, path + ".weights", $"expected at most {int.MaxValue} weights, found {weightCount} ({weightShape})")
            || !WeightRules.Check(context, weights, weightCount, weightShape, path + ".weights"))
        {
            return null;
        }

        bool isFloat = requantization is FloatOutput;
        if (!context.Check(
                isFloat == isLast,
                path + ".requantize.kind",
                isLast
                    ? "expected \"float\" (the last layer produces the model's float output), found \"thresholds\""
                    : "expected \"thresholds\" (only the last layer may produce float output), found \"float\""))
        {
            return null;
        }

        if (!RequantizationRules.Check(context, requantization, channels, path + ".requantize")
            || !LayerRules.CheckBound(context, AccumulatorBounds.DotProduct(fanIn, weights.Encoding, weights.Bits, input.Levels!), path + ".weights.bits", "accumulator"))
        {
            return null;
        }

        return new TensorInfo(outputShape, (requantization as ThresholdRequantization)?.Levels, path);
    }
}
