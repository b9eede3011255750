using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>
/// Residual add of two same-shape tensors: acc = m₀·a + m₁·b in int32, with integer multipliers that
/// express the ratio of the two inputs' scales, then threshold requantization per channel.
/// </summary>
public sealed class AddLayer : Layer
{
    public AddLayer(
        string id,
        IReadOnlyList<string> inputs,
        TensorShape outputShape,
        int firstMultiplier,
        int secondMultiplier,
        ThresholdRequantization requantize)
        : base(id, inputs, outputShape)
    {
        FirstMultiplier = firstMultiplier;
        SecondMultiplier = secondMultiplier;
        Requantize = requantize;
    }

    public override LayerOp Op => LayerOp.Add;

    public int FirstMultiplier { get; }

    public int SecondMultiplier { get; }

    public ThresholdRequantization Requantize { get; }
}
