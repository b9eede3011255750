using System;

namespace LowBit.Onnx.Import;

/// <summary>
/// Rounds a scale up to a power of two. Products of power-of-two-scaled integers are exact in float32, so the
/// quantized graph's float32 sums equal the import's exact integer dot products and the manifest reproduces the
/// graph bit for bit; max/255 scales use the grid better but the graph's float32 sums then round near thresholds.
/// </summary>
internal static class PowerOfTwoScale
{
    public static float AtLeast(float scale) => (float)Math.ScaleB(1.0, (int)Math.Ceiling(Math.Log2(scale)));
}
