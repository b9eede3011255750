using System.Collections.Generic;

namespace LowBit.Onnx.Import;

/// <summary>The model input, possibly reshaped and scaled element-wise by scalars, before its first quantizer.</summary>
internal sealed class FloatInputSymbol : ImportSymbol
{
    public FloatInputSymbol(int[] shape, IReadOnlyList<ChannelStep> steps, IReadOnlyList<string> folded)
    {
        Shape = shape;
        Steps = steps;
        Folded = folded;
    }

    public override int[] Shape { get; }

    /// <summary>Scalar float32 steps the graph applies to every element, in order.</summary>
    public IReadOnlyList<ChannelStep> Steps { get; }

    /// <summary>Names of the nodes folded so far, for the import log.</summary>
    public IReadOnlyList<string> Folded { get; }

    public float Apply(float x)
    {
        foreach (var step in Steps)
        {
            x = step.Apply(x, 0);
        }

        return x;
    }
}
