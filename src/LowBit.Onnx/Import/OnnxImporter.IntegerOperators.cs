using System;
using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>
/// ONNX's integer operators on quantized levels. QLinearConv and QLinearMatMul become a layer whose
/// thresholds reproduce ONNX Runtime's fused float32 requantization (the same arithmetic as a fused
/// DequantizeLinear → Conv → QuantizeLinear); ConvInteger and MatMulInteger become a pending int32 accumulator
/// that the graph's Cast and float steps carry to the next quantizer or to the output. Weight zero points are
/// subtracted from the weights; the input zero point is an offset β·Σw on the accumulator.
/// </summary>
public sealed partial class OnnxImporter
{
    private ImportSymbol IntegerOperation(SourceNode node, LevelsSymbol levels, IntegerOperator op)
    {
        var input = OperandIntegers(node, levels, op);
        var shape = _facts.Shapes[node.Output];
        var (integers, scale, origin) = WeightTracing.IntegerOperand(_facts, node, op.Weights, op.WeightScale, op.WeightZero, op.IsConvolution ? 0 : 1);
        PendingLayer pending;
        if (op.IsConvolution)
        {
            var window = WindowOps.ConvWindow(node, levels.Shape, integers.Shape);
            RequirePaddingLevel(node, input, window);
            pending = new PendingLayer(node, input, WeightTracing.OutputFirst(node, integers, scale, origin), window, WindowOps.ConvGroups(node, levels.Shape, integers.Shape), shape);
        }
        else
        {
            if (levels.Shape.Length != 2 || integers.Rank != 2)
            {
                throw OnnxImportException.AtNode(node, $"multiplies [{string.Join(", ", levels.Shape)}] by [{string.Join(", ", integers.Shape)}]; expected [N, features] by a constant matrix (flatten first).");
            }

            pending = new PendingLayer(node, input, WeightTracing.MatrixColumns(node, integers, scale, origin), null, 1, shape);
        }

        var bias = op.Bias is int b && node.Inputs.Count > b && node.Inputs[b].Length > 0 ? _facts.Constant(node, b).Values.Select(v => (long)v).ToArray() : null;
        var accumulator = new AccumulatorSymbol(pending, shape, Array.Empty<ChannelStep>(), Array.Empty<string>(), bias);
        if (op.Output is not var (scaleInput, zeroInput))
        {
            RequireCastToFloat(node);
            return accumulator;
        }

        var (outputScale, outputZero, _, _) = LinearQuantization.Read(node, _facts, scaleInput, zeroInput);
        var fused = accumulator.WithFused(FusedRequantization.For(input.Scale, pending.Weights.Scale, outputScale, bias ?? new long[pending.OutChannels]));
        var quantizer = ActivationQuantizer.FromLinear(node, _facts, scaleInput, zeroInput, prescaled: true, clip: QcdqClip(node));
        return Requantize(node, fused, quantizer, (outputScale, outputZero));
    }

    /// <summary>
    /// The input levels as the integers the operator multiplies, read with its x_scale and x_zp
    /// (<see cref="LevelsSymbol.ReadAs"/>; scale 1 for ConvInteger/MatMulInteger, whose accumulator is the output).
    /// </summary>
    private LevelsSymbol OperandIntegers(SourceNode node, LevelsSymbol levels, IntegerOperator op)
    {
        double scale = 1, zero = 0;
        if (op.InputScale is int scaleInput)
        {
            (scale, zero, _, _) = LinearQuantization.Read(node, _facts, scaleInput, op.InputZero);
        }
        else if (node.Inputs.Count > op.InputZero && node.Inputs[op.InputZero].Length > 0)
        {
            var zeroPoint = _facts.Constant(node, op.InputZero);
            zero = zeroPoint.Length == 1
                ? zeroPoint.Values[0]
                : throw OnnxImportException.AtNode(node, $"the input zero point has {zeroPoint.Length} values; a per-row activation zero point is not one offset per layer.");
        }

        return levels.ReadAs(scale, zero)
            ?? throw OnnxImportException.AtNode(node, "its input levels were not written by a QuantizeLinear or an integer operator, so the integers it multiplies are unknown.");
    }

    /// <summary>
    /// ConvInteger/MatMulInteger output int32; the import folds only float steps, so every consumer must Cast to
    /// float32 first (which converts the exact accumulator, as the pending layer's value does).
    /// </summary>
    private void RequireCastToFloat(SourceNode node)
    {
        foreach (var consumer in _graph.Consumers(node.Output))
        {
            if (!consumer.Is("Cast") || consumer.Attributes.Int("to", 0) != (int)Proto.TensorProto.Types.DataType.Float)
            {
                throw OnnxImportException.AtNode(node, $"its int32 accumulator goes to {consumer}; the import takes {node.OpType} followed by Cast to float, then float steps (int32 arithmetic is not folded).");
            }
        }
    }

    /// <summary>Cast to float32 of an accumulator: exact for the int32 of ConvInteger/MatMulInteger (the layer's value is float32 of the exact integer), the identity on float.</summary>
    private ImportSymbol CastToFloat(SourceNode node, AccumulatorSymbol accumulator) =>
        node.Attributes.Int("to", 0) == (int)Proto.TensorProto.Types.DataType.Float
            ? accumulator.Reshaped(accumulator.Shape, node.Name)
            : throw OnnxImportException.AtNode(node, $"casts an accumulator to element type {node.Attributes.Int("to", 0)}; only Cast to float (1) folds.");
}
