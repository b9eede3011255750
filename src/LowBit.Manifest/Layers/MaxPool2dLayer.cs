using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>Max over each window of integer levels; padded positions are ignored. Levels are unchanged in format.</summary>
public sealed class MaxPool2dLayer : Layer
{
    public MaxPool2dLayer(string id, IReadOnlyList<string> inputs, TensorShape outputShape, Window2d window)
        : base(id, inputs, outputShape)
    {
        Window = window;
    }

    public override LayerOp Op => LayerOp.MaxPool2d;

    public Window2d Window { get; }
}
