using System;
using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>
/// QONNX Trunc as an activation quantizer: Brevitas ends a quantized average pool with it (the window sum's
/// low bits dropped, FLOOR by default). Its level is a monotone step function of its float32 input like
/// Quant's, so the accumulator before it folds into thresholds the same way.
/// </summary>
internal sealed partial class ActivationQuantizer
{
    private static ActivationQuantizer FromTrunc(SourceNode node, GraphFacts facts, (float Min, float Max)? inputRange)
    {
        var settings = TruncSettings.Read(node, i => facts.Constant(node, i));
        if (settings.FirstVersion)
        {
            return FromFirstTrunc(node, facts, settings, inputRange);
        }

        float scale = (float)Scalar(node, facts.Constant(node, 1), "scale");
        float zeroPoint = (float)Scalar(node, facts.Constant(node, 2), "zero point");
        float outScale = (float)Scalar(node, facts.Constant(node, settings.OutScaleInput), "scale");
        float divisor = QonnxFormulas.TruncDivisor(scale, outScale);

        // qonnx rounds out_scale / scale to a power of two, and its first version divided by 2^(in − out bits)
        // instead: a ratio that is no power of two contradicts the op's own contract, so what the exporter meant is unknown.
        if ((double)outScale != (double)scale * divisor)
        {
            throw OnnxImportException.AtNode(node, $"out_scale / scale = {outScale:R} / {scale:R} is not a power of two; qonnx would divide by {divisor:R} and still scale by {outScale:R}, which no Brevitas average pool computes.");
        }

        if (settings.OutZeroPointInput >= 0 && Scalar(node, facts.Constant(node, settings.OutZeroPointInput), "zero point") != 0)
        {
            throw OnnxImportException.AtNode(node, "out_zeropt is not 0; qonnx reads it and ignores it, so the graph's meaning is uncertain.");
        }

        double shift = zeroPoint / divisor;
        if (zeroPoint != MathF.Floor(zeroPoint) || shift != Math.Floor(shift))
        {
            throw OnnxImportException.AtNode(node, $"zero point {zeroPoint} divided by {divisor} is not an integer; the output levels would not be integers.");
        }

        var (min, max) = QonnxFormulas.IntRange(settings.Signed, settings.Narrow, settings.OutBits);
        return IntegerGrid(node, settings.OutBits, (min, max), shift, outScale,
            (v, _) => (int)(QonnxFormulas.TruncInteger(v, scale, zeroPoint, divisor, settings.OutBits, settings.Signed, settings.Narrow, settings.Rounding) - min),
            $"Trunc ÷ {divisor} to {settings.OutBits}-bit {(settings.Signed ? "signed" : "unsigned")}{(settings.Narrow ? " narrow" : string.Empty)}, {settings.Rounding}, levels {min} … {max}");
    }

    /// <summary>
    /// qonnx's first Trunc, which Brevitas's QONNX export writes (five inputs): y = rounding(round(x / scale + zeropt)
    /// / 2^(in_bitwidth − out_bitwidth)), output (y − zeropt)·scale, with no clamp. Its levels are the y the graph can
    /// reach, from the smallest and largest value the layer before can feed it (the level is monotone in that value);
    /// beyond 256 of them, or on the model input (no bound at all), it is refused.
    /// </summary>
    private static ActivationQuantizer FromFirstTrunc(SourceNode node, GraphFacts facts, TruncSettings settings, (float Min, float Max)? inputRange)
    {
        if (inputRange is not var (low, high))
        {
            throw OnnxImportException.AtNode(node, "qonnx's first Trunc (five inputs) does not clamp, so its output range is bounded only by the layer before it; on the model input it has none.");
        }

        float scale = (float)Scalar(node, facts.Constant(node, 1), "scale");
        float zeroPoint = (float)Scalar(node, facts.Constant(node, 2), "zero point");
        if (zeroPoint != MathF.Floor(zeroPoint))
        {
            throw OnnxImportException.AtNode(node, $"zero point {zeroPoint} is not an integer; the output levels would not be integers.");
        }

        float Integer(float v) => QonnxFormulas.TruncFirstVersionInteger(v, scale, zeroPoint, settings.InBits, settings.OutBits, settings.Rounding);
        double min = Integer(low), max = Integer(high);
        if (max - min + 1 > 256)
        {
            throw OnnxImportException.AtNode(node, $"without a clamp its outputs reach {max - min + 1} levels ({min} … {max}) over the inputs the layer before can give; the manifest's activations hold 256.");
        }

        return IntegerGrid(node, settings.OutBits, (min, max), zeroPoint, scale,
            (v, _) => (int)(Integer(v) - min),
            $"first-version Trunc ÷ 2^({settings.InBits} − {settings.OutBits}), {settings.Rounding}, no clamp: levels {min} … {max} over the inputs the layer before can give");
    }
}
