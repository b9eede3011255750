using System.Linq;
using LowBit.Manifest;
using TorchSharp.Modules;

namespace LowBit.Quantization.Export;

/// <summary>Layers that move levels without arithmetic on them: max pooling and flatten.</summary>
internal static class SimpleLayerExporter
{
    public static MaxPool2dLayer MaxPool(string name, MaxPool2d pool, ExportCursor state)
    {
        if (state.Shape.Rank != 3)
        {
            throw new ExportException(name, $"MaxPool2d needs a [channels, height, width] input, found {state.Shape}");
        }

        var kernel = Pair(pool.kernel_size, name, "kernel_size");
        var stride = pool.stride is null || pool.stride.Length == 0 ? kernel : Pair(pool.stride, name, "stride");
        var padding = pool.padding is null || pool.padding.Length == 0 ? (0, 0) : Pair(pool.padding, name, "padding");
        if (pool.dilation is not null && pool.dilation.Any(d => d != 1))
        {
            throw new ExportException(name, "MaxPool2d with dilation is not supported; use dilation 1");
        }

        if (pool.ceil_mode)
        {
            throw new ExportException(name, "MaxPool2d with ceil_mode = true is not supported; the contract's windows use floor, as PyTorch's default does");
        }

        var window = new Window2d(kernel.Item1, kernel.Item2, stride.Item1, stride.Item2, padding.Item1, padding.Item2, padding.Item1, padding.Item2);
        var input = state.Id;
        var shape = TensorShape.Chw(state.Shape.Channels, window.OutputHeight(state.Shape.Height), window.OutputWidth(state.Shape.Width));
        state.MoveTo(name, shape);
        return new MaxPool2dLayer(name, new[] { input }, shape, window);
    }

    public static FlattenLayer Flatten(string name, Flatten flatten, ExportCursor state)
    {
        if (flatten.start_dim != 1 || flatten.end_dim != -1)
        {
            throw new ExportException(name, $"only Flatten(start_dim: 1, end_dim: -1) (flatten everything but the batch) is supported, found start_dim {flatten.start_dim}, end_dim {flatten.end_dim}");
        }

        var input = state.Id;
        var shape = TensorShape.Vector(state.Shape.Length);
        state.MoveTo(name, shape);
        return new FlattenLayer(name, new[] { input }, shape);
    }

    private static (int, int) Pair(long[] values, string name, string field) => values.Length switch
    {
        1 => ((int)values[0], (int)values[0]),
        2 => ((int)values[0], (int)values[1]),
        _ => throw new ExportException(name, $"MaxPool2d {field} must have 1 or 2 values, found {values.Length}"),
    };
}
