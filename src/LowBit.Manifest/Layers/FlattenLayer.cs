using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>Reinterprets a [C, H, W] tensor as a vector of C·H·W levels in channel-major order; no data changes.</summary>
public sealed class FlattenLayer : Layer
{
    public FlattenLayer(string id, IReadOnlyList<string> inputs, TensorShape outputShape)
        : base(id, inputs, outputShape)
    {
    }

    public override LayerOp Op => LayerOp.Flatten;
}
