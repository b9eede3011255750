using System;
using LowBit.Manifest;
using LowBit.Quantization.Modules;

namespace LowBit.Quantization.Export;

/// <summary>Average pooling of levels (<see cref="QAvgPool2d"/>, <see cref="QGlobalAvgPool"/>): the level
/// format passes through, so the module must read the levels of the activation it names as its source.</summary>
internal static class AveragePoolExporter
{
    public static AvgPool2dLayer Window(string name, QAvgPool2d pool, ExportCursor state)
    {
        CheckInput(name, "QAvgPool2d", pool.Source, state);
        var window = Window2d.Square(pool.Kernel, pool.Stride, pool.Padding);
        var shape = TensorShape.Chw(state.Shape.Channels, window.OutputHeight(state.Shape.Height), window.OutputWidth(state.Shape.Width));
        var input = state.Id;
        state.MoveTo(name, shape);
        return new AvgPool2dLayer(name, new[] { input }, shape, window);
    }

    public static GlobalAvgPoolLayer Global(string name, QGlobalAvgPool pool, ExportCursor state)
    {
        CheckInput(name, "QGlobalAvgPool", pool.Source, state);
        var shape = TensorShape.Chw(state.Shape.Channels, 1, 1);
        var input = state.Id;
        state.MoveTo(name, shape);
        return new GlobalAvgPoolLayer(name, new[] { input }, shape);
    }

    private static void CheckInput(string name, string kind, QActivation source, ExportCursor state)
    {
        if (state.Shape.Rank != 3)
        {
            throw new ExportException(name, $"{kind} needs a [channels, height, width] input, found {state.Shape}");
        }

        var step = source.Quantizer.Grid().Step;
        if (Math.Abs(state.Step - step) > 1e-12 * step || state.ZeroPoint != 0)
        {
            throw new ExportException(name, $"{kind} reads levels of step {state.Step:G6} (zero point {state.ZeroPoint}) but its source activation has step {step:G6}; place it after the activation it names as source (max pooling or flatten between them is fine)");
        }
    }
}
