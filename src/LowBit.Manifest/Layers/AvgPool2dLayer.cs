using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>
/// Average of each window of integer levels: the window sum (padded positions read the zero point)
/// divided by the kernel area, rounded half to even, in integer arithmetic. Level format unchanged.
/// </summary>
public sealed class AvgPool2dLayer : Layer
{
    public AvgPool2dLayer(string id, IReadOnlyList<string> inputs, TensorShape outputShape, Window2d window)
        : base(id, inputs, outputShape)
    {
        Window = window;
    }

    public override LayerOp Op => LayerOp.AvgPool2d;

    public Window2d Window { get; }
}
