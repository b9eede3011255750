namespace LowBit.Onnx.Import;

/// <summary>
/// Where ONNX's integer operators keep their operands. QLinearConv and QLinearMatMul requantize their int32
/// accumulator to 8 bits themselves (<see cref="Output"/>); ConvInteger and MatMulInteger output it raw, as
/// int32, for the graph to Cast and scale. A missing scale means 1 (the operator has none).
/// </summary>
internal sealed record IntegerOperator(bool IsConvolution, int? InputScale, int InputZero, int Weights, int? WeightScale, int WeightZero, (int Scale, int Zero)? Output, int? Bias)
{
    public static IntegerOperator? Of(SourceNode node) => node.Domain != OperatorDomain.Onnx ? null : node.OpType switch
    {
        "QLinearConv" => new(true, 1, 2, 3, 4, 5, (6, 7), 8),
        "QLinearMatMul" => new(false, 1, 2, 3, 4, 5, (6, 7), null),
        "ConvInteger" => new(true, null, 2, 1, null, 3, null, null),
        "MatMulInteger" => new(false, null, 2, 1, null, 3, null, null),
        _ => null,
    };
}
