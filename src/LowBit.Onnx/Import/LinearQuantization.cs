using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>
/// The per-tensor scale, zero point and integer range of a QuantizeLinear or DequantizeLinear node with constant
/// parameters, or of one operand of an integer operator (QLinearConv's x and y, say) at the given inputs.
/// </summary>
internal static class LinearQuantization
{
    public static (double Scale, double ZeroPoint, double Min, double Max) Read(SourceNode node, GraphFacts facts, int scaleInput = 1, int zeroInput = 2)
    {
        var scale = facts.Constant(node, scaleInput);
        var zero = node.Inputs.Count > zeroInput && node.Inputs[zeroInput].Length > 0 ? facts.Constant(node, zeroInput) : null;
        if (scale.Length != 1 || (zero is not null && zero.Length != 1))
        {
            throw OnnxImportException.AtNode(node, "per-axis scales on activations are not supported; expected one scale and zero point.");
        }

        var element = zero?.Element ?? TensorElement.UInt8;
        var (min, max) = element switch
        {
            TensorElement.UInt8 => (0.0, 255.0),
            TensorElement.Int8 => (-128.0, 127.0),
            _ => throw OnnxImportException.AtNode(node, $"{element} activations are wider than the 8 bits the manifest holds."),
        };
        return scale.Values[0] > 0
            ? (scale.Values[0], zero?.Values[0] ?? 0, min, max)
            : throw OnnxImportException.AtNode(node, $"scale {scale.Values[0]} is not positive.");
    }
}
