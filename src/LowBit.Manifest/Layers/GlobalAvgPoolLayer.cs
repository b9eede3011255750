using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>Average over all of H×W per channel, rounded half to even; output shape [C, 1, 1].</summary>
public sealed class GlobalAvgPoolLayer : Layer
{
    public GlobalAvgPoolLayer(string id, IReadOnlyList<string> inputs, TensorShape outputShape)
        : base(id, inputs, outputShape)
    {
    }

    public override LayerOp Op => LayerOp.GlobalAvgPool;
}
