namespace LowBit.Manifest;

/// <summary>
/// The model input and the quantizer that turns float input into integer levels:
/// level = clamp-then-round-half-to-even(x / scale) + zeroPoint (see docs/integer-contract.md).
/// </summary>
/// <param name="Shape">Shape of one sample.</param>
/// <param name="Levels">The integer grid the input is quantized onto. <see cref="LevelFormat.Scale"/> is used here, not just informational.</param>
public sealed record InputSpec(TensorShape Shape, LevelFormat Levels);
