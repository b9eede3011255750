namespace LowBit.Onnx;

/// <summary>
/// A conv or linear layer in real numbers: y = clip(Σ w·x + bias) on real-valued inputs, with the
/// clip absent for the model's float output.
/// </summary>
/// <param name="Weights">Real weights in manifest order ([out, in/groups, kh, kw] or [out, in]).</param>
/// <param name="Bias">One per output channel.</param>
/// <param name="Clip">The real range of the output levels, or null for the float output layer.</param>
/// <param name="WeightSteps">Per output channel, the real value of one integer weight code (positive; 1 for a
/// channel whose weights are all zero): every weight of the channel is a whole multiple of it.</param>
public sealed record DequantizedDot(float[] Weights, float[] Bias, RealRange? Clip, float[] WeightSteps);

/// <summary>A residual add in real numbers: y[c] = clip(First[c]·a + Second[c]·b + Bias[c]).</summary>
public sealed record DequantizedAdd(float[] First, float[] Second, float[] Bias, RealRange Clip);

/// <summary>The real values a tensor's levels span: [(Min − zp)·scale, (Max − zp)·scale].</summary>
public sealed record RealRange(float Low, float High);
