namespace LowBit.Onnx.Numpy;

/// <summary>An array read from a NumPy .npy file: its shape and its values as doubles (exact for every type read).</summary>
public sealed record NpyArray(int[] Shape, double[] Values);
