using LowBit.Manifest;

namespace LowBit.Onnx;

/// <summary>A manifest tensor once lowered: its ONNX value name, its per-sample shape and its level grid.</summary>
internal sealed record LoweredTensor(string Name, TensorShape Shape, LevelFormat Levels)
{
    /// <summary>The real values of the levels the tensor reaches (all of them, unless a layer's thresholds leave some out).</summary>
    public RealRange Range { get; init; } = Dequantization.RangeOf(Levels);
}
