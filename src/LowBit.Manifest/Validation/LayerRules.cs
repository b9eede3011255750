using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>Per-op rules: resolves a layer's inputs, checks its parameters and infers its output tensor.</summary>
internal static class LayerRules
{
    private const int MaxKernel = 1024;
    private const int MaxPadding = 1024;
    private const int MaxMultiplier = 1 << 16;

    /// <summary>The tensors a layer reads, or null; ids in <paramref name="broken"/> return null without a further error.</summary>
    public static TensorInfo[]? ResolveInputs(ValidationContext context, Layer layer, string path, IReadOnlyDictionary<string, TensorInfo> tensors, ISet<string> broken)
    {
        int expected = layer.Op == LayerOp.Add ? 2 : 1;
        if (!context.Check(
                layer.Inputs.Count == expected,
                path + ".inputs",
                $"expected {expected} input id{(expected == 1 ? string.Empty : "s")} for {layer.Op.ToName()}, found {layer.Inputs.Count}"))
        {
            return null;
        }

        var resolved = new TensorInfo[expected];
        for (int k = 0; k < expected; k++)
        {
            var id = layer.Inputs[k];
            if (broken.Contains(id))
            {
                return null;
            }

            if (!tensors.TryGetValue(id, out var info))
            {
                context.Add($"{path}.inputs[{k}]", $"expected \"{ManifestFormat.InputId}\" or the id of an earlier layer, found \"{id}\"");
                return null;
            }

            if (info.Levels is null)
            {
                context.Add($"{path}.inputs[{k}]", $"expected integer levels, found \"{id}\", the model's float output; only the last layer may produce it");
                return null;
            }

            resolved[k] = info;
        }

        return resolved;
    }

    public static TensorInfo? Check(ValidationContext context, Layer layer, string path, TensorInfo[] inputs, bool isLast)
    {
        if (isLast && layer is not (Conv2dLayer or LinearLayer))
        {
            context.Add(path + ".op", $"expected conv2d or linear: the last layer produces the model's float output; found {layer.Op.ToName()}");
            return null;
        }

        return layer switch
        {
            Conv2dLayer conv => ParameterizedLayerRules.CheckConv2d(context, conv, path, inputs[0], isLast),
            LinearLayer linear => ParameterizedLayerRules.CheckLinear(context, linear, path, inputs[0], isLast),
            MaxPool2dLayer maxPool => CheckPool(context, maxPool, maxPool.Window, path, inputs[0], checkSum: false),
            AvgPool2dLayer avgPool => CheckPool(context, avgPool, avgPool.Window, path, inputs[0], checkSum: true),
            GlobalAvgPoolLayer global => CheckGlobalAvgPool(context, global, path, inputs[0]),
            FlattenLayer flatten => CheckFlatten(context, flatten, path, inputs[0]),
            AddLayer add => CheckAdd(context, add, path, inputs[0], inputs[1]),
            _ => null,
        };
    }

    /// <summary>Kernel, stride and padding ranges; returns the output (height, width) or null.</summary>
    public static (int Height, int Width)? CheckWindow(ValidationContext context, Window2d window, TensorShape input, string path, bool padWithinHalfKernel)
    {
        bool valid = context.Check(window.KernelHeight is >= 1 and <= MaxKernel && window.KernelWidth is >= 1 and <= MaxKernel, path + ".kernel", $"expected kernel sizes from 1 to {MaxKernel}, found [{window.KernelHeight}, {window.KernelWidth}]");
        valid &= context.Check(window.StrideHeight is >= 1 and <= MaxKernel && window.StrideWidth is >= 1 and <= MaxKernel, path + ".stride", $"expected strides from 1 to {MaxKernel}, found [{window.StrideHeight}, {window.StrideWidth}]");
        valid &= context.Check(
            window.PadTop is >= 0 and <= MaxPadding && window.PadLeft is >= 0 and <= MaxPadding && window.PadBottom is >= 0 and <= MaxPadding && window.PadRight is >= 0 and <= MaxPadding,
            path + ".padding",
            $"expected padding [top, left, bottom, right] from 0 to {MaxPadding}, found [{window.PadTop}, {window.PadLeft}, {window.PadBottom}, {window.PadRight}]");
        if (!valid)
        {
            return null;
        }

        if (padWithinHalfKernel)
        {
            // Every pooling window must hold at least one real element, as PyTorch also requires.
            bool withinHalf = window.PadTop <= window.KernelHeight / 2 && window.PadBottom <= window.KernelHeight / 2
                && window.PadLeft <= window.KernelWidth / 2 && window.PadRight <= window.KernelWidth / 2;
            if (!context.Check(withinHalf, path + ".padding", $"expected pooling padding of at most half the kernel ([{window.KernelHeight / 2}, {window.KernelWidth / 2}]), found [{window.PadTop}, {window.PadLeft}, {window.PadBottom}, {window.PadRight}]"))
            {
                return null;
            }
        }

        int height = window.OutputHeight(input.Height);
        int width = window.OutputWidth(input.Width);
        return context.Check(height >= 1 && width >= 1, path + ".kernel", $"expected a window that fits the padded {input.Height}×{input.Width} input, found kernel [{window.KernelHeight}, {window.KernelWidth}]")
            ? (height, width)
            : null;
    }

    public static bool CheckBound(ValidationContext context, long bound, string path, string what) =>
        context.Check(
            bound <= int.MaxValue,
            path,
            $"expected the worst-case {what} to fit int32, found a bound of {bound}; use fewer bits or a smaller fan-in");

    private static TensorInfo? CheckPool(ValidationContext context, Layer layer, Window2d window, string path, TensorInfo input, bool checkSum)
    {
        if (!ShapeRules.RequireFeatureMap(context, input, layer.Inputs[0], path + ".inputs[0]"))
        {
            return null;
        }

        if (CheckWindow(context, window, input.Shape, path, padWithinHalfKernel: true) is not var (height, width))
        {
            return null;
        }

        if (checkSum && !CheckBound(context, AccumulatorBounds.PoolSum(window.Area, input.Levels!), path + ".kernel", "window sum"))
        {
            return null;
        }

        var shape = TensorShape.Chw(input.Shape.Channels, height, width);
        return ShapeRules.CheckStated(context, layer.OutputShape, shape, path + ".outputShape", $"{layer.Op.ToName()} of {input.Shape}")
            ? new TensorInfo(shape, input.Levels, path)
            : null;
    }

    private static TensorInfo? CheckGlobalAvgPool(ValidationContext context, GlobalAvgPoolLayer layer, string path, TensorInfo input)
    {
        if (!ShapeRules.RequireFeatureMap(context, input, layer.Inputs[0], path + ".inputs[0]")
            || !CheckBound(context, AccumulatorBounds.PoolSum((long)input.Shape.Height * input.Shape.Width, input.Levels!), path, "window sum"))
        {
            return null;
        }

        var shape = TensorShape.Chw(input.Shape.Channels, 1, 1);
        return ShapeRules.CheckStated(context, layer.OutputShape, shape, path + ".outputShape", $"one value per channel of {input.Shape}")
            ? new TensorInfo(shape, input.Levels, path)
            : null;
    }

    private static TensorInfo? CheckFlatten(ValidationContext context, FlattenLayer layer, string path, TensorInfo input)
    {
        if (!ShapeRules.RequireFeatureMap(context, input, layer.Inputs[0], path + ".inputs[0]"))
        {
            return null;
        }

        var shape = TensorShape.Vector(input.Shape.Length);
        return ShapeRules.CheckStated(context, layer.OutputShape, shape, path + ".outputShape", $"all elements of {input.Shape}")
            ? new TensorInfo(shape, input.Levels, path)
            : null;
    }

    private static TensorInfo? CheckAdd(ValidationContext context, AddLayer layer, string path, TensorInfo first, TensorInfo second)
    {
        if (!context.Check(
                first.Shape.Equals(second.Shape),
                path + ".inputs",
                $"expected two inputs of the same shape, found \"{layer.Inputs[0]}\" {first.Shape} and \"{layer.Inputs[1]}\" {second.Shape}"))
        {
            return null;
        }

        bool valid = context.Check(
            layer.FirstMultiplier is >= -MaxMultiplier and <= MaxMultiplier and not 0
                && layer.SecondMultiplier is >= -MaxMultiplier and <= MaxMultiplier and not 0,
            path + ".multipliers",
            $"expected two non-zero integers from −{MaxMultiplier} to {MaxMultiplier}, found [{layer.FirstMultiplier}, {layer.SecondMultiplier}]");
        valid &= ShapeRules.CheckStated(context, layer.OutputShape, first.Shape, path + ".outputShape", "the shape of the inputs");
        valid = valid && RequantizationRules.Check(context, layer.Requantize, first.Shape.Channels, path + ".requantize");
        valid = valid && CheckBound(context, AccumulatorBounds.Add(layer.FirstMultiplier, first.Levels!, layer.SecondMultiplier, second.Levels!), path + ".multipliers", "add accumulator");
        return valid ? new TensorInfo(first.Shape, layer.Requantize.Levels, path) : null;
    }
}
