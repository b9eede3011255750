namespace LowBit.Onnx.Import;

/// <summary>A graph input or output: its name and declared shape (−1 for a symbolic or missing dimension).</summary>
public sealed record GraphValue(string Name, int[] Shape, int ElementType);
