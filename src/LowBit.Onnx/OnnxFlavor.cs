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

    /// <summary>
    /// The manifest itself in ONNX int8: levels as uint8 on their own grid (QuantizeLinear → Clip → DequantizeLinear),
    /// threshold layers as fused int8 requantizations that reproduce them, so ONNX Runtime's int8 kernels compute the
    /// interpreter's outputs bit for bit. Refused for layers whose thresholds are not equally spaced.
    /// </summary>
    Qcdq,
}
