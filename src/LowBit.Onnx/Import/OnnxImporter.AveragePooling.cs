using System;
using LowBit.Manifest;
using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>AveragePool and GlobalAveragePool on quantized levels: pending window sums that the next quantizer turns into thresholds.</summary>
public sealed partial class OnnxImporter
{
    private ImportSymbol AveragePool(SourceNode node, LevelsSymbol levels)
    {
        var window = WindowOps.PoolWindow(node, levels.Shape);
        bool padded = window.PadTop + window.PadLeft + window.PadBottom + window.PadRight > 0;
        if (padded && node.Attributes.Int("count_include_pad", 0) == 0)
        {
            throw OnnxImportException.AtNode(node, "pads the input and leaves the padding out of the count (count_include_pad 0): border windows divide by fewer values than inner ones, so the average is no single function of the window sum per channel.");
        }

        // With count_include_pad 1 ONNX pads with 0, which the manifest's convolution reproduces with the level of 0.
        RequirePaddingLevel(node, levels, window);
        return PendingPool(node, levels, window);
    }

    private ImportSymbol GlobalAveragePool(SourceNode node, LevelsSymbol levels)
    {
        if (levels.Shape.Length != 4)
        {
            throw OnnxImportException.AtNode(node, $"expected a 4-D NCHW input, found [{string.Join(", ", levels.Shape)}].");
        }

        return PendingPool(node, levels, new Window2d(levels.Shape[2], levels.Shape[3], 1, 1, 0, 0, 0, 0));
    }

    private AccumulatorSymbol PendingPool(SourceNode node, LevelsSymbol levels, Window2d window)
    {
        var shape = _facts.Shapes[node.Output];
        return new AccumulatorSymbol(new PendingAveragePool(node, levels, window, shape), shape, Array.Empty<ChannelStep>(), Array.Empty<string>());
    }
}
