using System;
using System.Linq;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Evaluation;

/// <summary>QONNX's Quant, BipolarQuant, Trunc and MultiThreshold on tensors, through <see cref="QonnxFormulas"/>.</summary>
internal static class QonnxOps
{
    public static OnnxTensor Quant(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var settings = QuantSettings.Read(node, inputs[3]);
        var shape = Broadcasting.Shape(Broadcasting.Shape(x.Shape, inputs[1].Shape, node.Name), inputs[2].Shape, node.Name);
        var scale = Broadcasting.SourceIndices(inputs[1].Shape, shape);
        var zero = Broadcasting.SourceIndices(inputs[2].Shape, shape);
        var source = Broadcasting.SourceIndices(x.Shape, shape);
        var values = new double[scale.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = QonnxFormulas.Quant(
                (float)x.Values[source[i]],
                (float)inputs[1].Values[scale[i]],
                (float)inputs[2].Values[zero[i]],
                settings.Bits,
                settings.Signed,
                settings.Narrow,
                settings.Rounding);
        }

        return new OnnxTensor(shape, values);
    }

    /// <summary>Trunc elementwise, scale, zero point and output scale broadcast against X as Quant's are.</summary>
    public static OnnxTensor Trunc(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var settings = TruncSettings.Read(node, i => inputs[i]);
        var outScale = settings.FirstVersion ? inputs[1] : inputs[settings.OutScaleInput];
        var shape = new[] { inputs[1].Shape, inputs[2].Shape, outScale.Shape }.Aggregate(x.Shape, (s, other) => Broadcasting.Shape(s, other, node.Name));
        var source = Broadcasting.SourceIndices(x.Shape, shape);
        var scale = Broadcasting.SourceIndices(inputs[1].Shape, shape);
        var zero = Broadcasting.SourceIndices(inputs[2].Shape, shape);
        var output = Broadcasting.SourceIndices(outScale.Shape, shape);
        var values = new double[source.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = (float)x.Values[source[i]], s = (float)inputs[1].Values[scale[i]], z = (float)inputs[2].Values[zero[i]];
            values[i] = settings.FirstVersion
                ? QonnxFormulas.TruncFirstVersion(v, s, z, settings.InBits, settings.OutBits, settings.Rounding)
                : QonnxFormulas.Trunc(v, s, z, (float)outScale.Values[output[i]], settings.OutBits, settings.Signed, settings.Narrow, settings.Rounding);
        }

        return new OnnxTensor(shape, values);
    }

    public static OnnxTensor BipolarQuant(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var scale = inputs[1];
        return Broadcasting.Apply(x, scale, (v, s) => QonnxFormulas.BipolarQuant((float)v, (float)s), TensorElement.Float, $"node {node}");
    }

    /// <summary>out = out_scale · #{j : x ≥ T[c, j]} + out_bias, channel c on axis 1 (NCHW) or the last axis (NHWC).</summary>
    public static OnnxTensor MultiThreshold(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var thresholds = inputs[1];
        var settings = MultiThresholdSettings.Read(node, thresholds);
        int channels = x.Rank == 1 ? 1 : settings.ChannelLast ? x.Shape[^1] : x.Shape[1];
        int inner = settings.ChannelLast || x.Rank <= 2 ? 1 : ShapeOps.Product(x.Shape, 2, x.Rank);
        if (thresholds.Shape[0] != 1 && thresholds.Shape[0] != channels)
        {
            throw OnnxImportException.AtNode(node, $"thresholds have {thresholds.Shape[0]} rows; expected 1 or one per channel ({channels}).");
        }

        var values = new double[x.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int c = settings.ChannelLast ? i % channels : i / inner % channels;
            var row = settings.Row(thresholds, thresholds.Shape[0] == 1 ? 0 : c);
            values[i] = FloatMath.Add(FloatMath.Mul(QonnxFormulas.ThresholdCount((float)x.Values[i], row), settings.OutScale), settings.OutBias);
        }

        return new OnnxTensor(x.Shape, values);
    }
}

/// <summary>A Quant node's attributes and bitwidth, checked.</summary>
public sealed record QuantSettings(double Bits, bool Signed, bool Narrow, RoundingMode Rounding)
{
    public static QuantSettings Read(SourceNode node, OnnxTensor bitwidth)
    {
        if (bitwidth.Length != 1 || bitwidth.Values[0] != Math.Floor(bitwidth.Values[0]) || bitwidth.Values[0] < 1)
        {
            throw OnnxImportException.AtNode(node, $"bitwidth must be one positive integer, found [{string.Join(", ", bitwidth.Values)}].");
        }

        // qonnx and Brevitas disagree on the defaults of signed/narrow; a node without them is ambiguous.
        long signed = node.Attributes.IntOrNull("signed") ?? throw OnnxImportException.AtNode(node, "attribute 'signed' is missing and its default differs between qonnx versions; re-export with it set.");
        long narrow = node.Attributes.IntOrNull("narrow") ?? throw OnnxImportException.AtNode(node, "attribute 'narrow' is missing and its default differs between qonnx versions; re-export with it set.");
        string mode = node.Attributes.String("rounding_mode", "ROUND");
        var rounding = RoundingModes.Parse(mode) ?? throw OnnxImportException.AtNode(node, $"rounding_mode '{mode}' is not one of ROUND, HALF_EVEN, CEIL, FLOOR, UP, DOWN, HALF_UP, HALF_DOWN.");
        return new QuantSettings(bitwidth.Values[0], signed != 0, narrow != 0, rounding);
    }
}

/// <summary>A MultiThreshold node's attributes.</summary>
public sealed record MultiThresholdSettings(float OutScale, float OutBias, bool ChannelLast, string OutType)
{
    public static MultiThresholdSettings Read(SourceNode node, OnnxTensor thresholds)
    {
        if (thresholds.Rank != 2)
        {
            throw OnnxImportException.AtNode(node, $"thresholds must be [channels, N], found [{string.Join(", ", thresholds.Shape)}].");
        }

        string layout = node.Attributes.String("data_layout", "NCHW");
        if (layout is not ("NCHW" or "NHWC" or "NC"))
        {
            throw OnnxImportException.AtNode(node, $"data_layout '{layout}' is not NCHW, NHWC or NC.");
        }

        return new MultiThresholdSettings(node.Attributes.Float("out_scale", 1f), node.Attributes.Float("out_bias", 0f), layout == "NHWC", node.Attributes.String("out_dtype", ""));
    }

    public ReadOnlySpan<double> Row(OnnxTensor thresholds, int channel) =>
        thresholds.Values.AsSpan(channel * thresholds.Shape[1], thresholds.Shape[1]);
}
