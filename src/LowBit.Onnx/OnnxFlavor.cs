namespace LowBit.Onnx;

/// <summary>Which ONNX model to write for a manifest.</summary>
public enum OnnxFlavor
{
    /// <summary>
    /// The manifest's integer contract spelled in float operators: levels and weights are integer-valued
    /// floats, requantization counts thresholds, so ONNX Runtime reproduces the interpreter (exactly, while
    /// every accumulator stays below 2^24 in magnitude).
    /// </summary>
    Exact,

    /// <summary>The dequantized float model: conv/linear with real-valued weights and bias, clipped activations.</summary>
    Float,

    /// <summary>The float model with 8-bit QuantizeLinear/DequantizeLinear pairs, which ONNX Runtime fuses into QLinearConv and friends.</summary>
    Qdq,
}
