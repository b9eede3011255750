using System;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Onnx;

/// <summary>
/// Lowers a manifest to ONNX int8 on the manifest's own level grid (<see cref="OnnxFlavor.Qcdq"/>): every tensor is
/// its levels as uint8 (QuantizeLinear → Clip → DequantizeLinear with scale 1, zero point 0, as Brevitas writes
/// activations below 8 bits), every threshold layer a DequantizeLinear → Conv/Gemm → QuantizeLinear that ONNX
/// Runtime fuses into QLinearConv/QGemm with the bias and multipliers of <see cref="ThresholdAffineFit"/>, and the
/// output layer the integer dot product times the manifest's scale plus its bias. So ONNX Runtime computes the
/// manifest exactly; a layer that no linear requantization reproduces is refused.
/// </summary>
internal sealed class LevelGridLowering
{
    private readonly OnnxGraph _graph;

    public LevelGridLowering(OnnxGraph graph) => _graph = graph;

    /// <summary>QuantizeLinear with the manifest's input scale and zero point is its input quantizer (divide, round half to even, saturate).</summary>
    public LoweredTensor Input(string input, InputSpec spec)
    {
        var levels = spec.Levels;
        if (levels.Min != 0)
        {
            throw new NotSupportedException("Input: signed input levels have no uint8 form on their own grid.");
        }

        var quantized = _graph.Node("QuantizeLinear", "input_q", input, _graph.Scalar("input_scale", levels.Scale), _graph.UInt8Scalar("input_zp", (byte)levels.ZeroPoint));
        return new LoweredTensor(Levels(quantized, levels.Max, "input"), spec.Shape, levels);
    }

    public LoweredTensor Dot(Layer layer, LoweredTensor input)
    {
        var (requantization, outChannels, bound) = layer switch
        {
            Conv2dLayer conv => (conv.Requantize, conv.OutChannels, AccumulatorBounds.DotProduct(conv.FanIn, conv.Weights.Encoding, conv.Weights.Bits, input.Levels)),
            LinearLayer linear => (linear.Requantize, linear.OutFeatures, AccumulatorBounds.DotProduct(linear.InFeatures, linear.Weights.Encoding, linear.Weights.Bits, input.Levels)),
            _ => throw new ArgumentException($"Layer '{layer.Id}' is not a dot layer.", nameof(layer)),
        };
        var weights = WeightValues.Of(layer);
        if (requantization is FloatOutput output)
        {
            var ones = Enumerable.Repeat(1f, outChannels).ToArray();
            var dot = DotNode(layer, input, Weights(layer, weights, ones, Enumerable.Repeat(1, outChannels).ToArray()), null);
            var perChannel = ValueShapes.PerChannel(layer.OutputShape);
            var scaled = _graph.Node("Mul", layer.Id + "_scaled", dot, _graph.Floats(layer.Id + "_scale", output.Scale.ToArray(), perChannel));
            return new LoweredTensor(_graph.Node("Add", layer.Id + "_output", scaled, _graph.Floats(layer.Id + "_bias", output.Bias.ToArray(), perChannel)), layer.OutputShape, input.Levels);
        }

        var fit = ThresholdAffineFit.For(layer.Id, (ThresholdRequantization)requantization, bound);
        var bias = _graph.Node(
            "DequantizeLinear",
            layer.Id + "_bias",
            new[] { _graph.Int32s(layer.Id + "_bias_int32", fit.Bias, outChannels), _graph.Floats(layer.Id + "_bias_scale", fit.Multiplier, outChannels) },
            OnnxGraph.Attribute("axis", 0L));
        var accumulator = DotNode(layer, input, Weights(layer, weights, fit.Multiplier, fit.Sign.Select(s => 2 * s).ToArray()), bias);
        var quantized = _graph.Node("QuantizeLinear", layer.Id + "_quantized", accumulator, _graph.Scalar(layer.Id + "_scale", 1f), _graph.UInt8Scalar(layer.Id + "_zp", 0));
        var levels = layer.OutputLevels(null)!;
        return new LoweredTensor(Levels(quantized, fit.TopLevel, layer.Id), layer.OutputShape, levels);
    }

    /// <summary>Max pooling and flattening on levels, re-quantized unchanged so the next layer fuses.</summary>
    public LoweredTensor Pool(Layer layer, LoweredTensor input)
    {
        string result = layer switch
        {
            MaxPool2dLayer max => _graph.Node("MaxPool", max.Id + "_pool", new[] { input.Name }, WindowAttributes.Of(max.Window).ToArray()),
            FlattenLayer flatten => _graph.Node("Flatten", flatten.Id + "_flat", new[] { input.Name }, OnnxGraph.Attribute("axis", 1L)),
            _ => throw new NotSupportedException($"Layer '{layer.Id}': the level-grid int8 export takes conv, linear, max pooling and flatten layers, not {layer.Op}."),
        };
        var quantized = _graph.Node("QuantizeLinear", layer.Id + "_quantized", result, _graph.Scalar(layer.Id + "_scale", 1f), _graph.UInt8Scalar(layer.Id + "_zp", 0));
        return new LoweredTensor(Levels(quantized, 255, layer.Id), layer.OutputShape, input.Levels);
    }

    /// <summary>Clip to the top level when it is below uint8's, then DequantizeLinear to the levels as floats.</summary>
    private string Levels(string quantized, int top, string stem)
    {
        string clipped = top < byte.MaxValue
            ? _graph.Node("Clip", stem + "_clipped", quantized, _graph.UInt8Scalar(stem + "_low", 0), _graph.UInt8Scalar(stem + "_high", (byte)top))
            : quantized;
        return _graph.Node("DequantizeLinear", stem + "_levels", clipped, _graph.Scalar(stem + "_unit", 1f), _graph.UInt8Scalar(stem + "_unit_zp", 0));
    }

    /// <summary>The weights times a per-channel factor (2·sign for a threshold layer, 1 for the output) as int8, per-channel scale along axis 0.</summary>
    private string Weights(Layer layer, sbyte[] weights, float[] scale, int[] factor)
    {
        int outChannels = factor.Length;
        int fanIn = weights.Length / outChannels;
        var codes = new sbyte[weights.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            int value = weights[i] * factor[i / fanIn];
            codes[i] = value is >= -127 and <= 127
                ? (sbyte)value
                : throw new NotSupportedException($"Layer '{layer.Id}': weight {weights[i]} doubled for the exact requantization leaves int8.");
        }

        var dims = layer is Conv2dLayer conv ? ValueShapes.Dims(conv) : new long[] { outChannels, fanIn };
        return _graph.Node(
            "DequantizeLinear",
            layer.Id + "_weight",
            new[] { _graph.Int8s(layer.Id + "_weight_int8", codes, dims), _graph.Floats(layer.Id + "_weight_scale", scale, outChannels), _graph.Int8s(layer.Id + "_weight_zp", new sbyte[outChannels], outChannels) },
            OnnxGraph.Attribute("axis", 0L));
    }

    private string DotNode(Layer layer, LoweredTensor input, string weights, string? bias)
    {
        var inputs = bias is null ? new[] { input.Name, weights } : new[] { input.Name, weights, bias };
        return layer switch
        {
            Conv2dLayer conv => _graph.Node("Conv", conv.Id + "_conv", inputs, WindowAttributes.Of(conv.Window, conv.Groups).ToArray()),
            _ => _graph.Node("Gemm", layer.Id + "_gemm", inputs, OnnxGraph.Attribute("transB", 1L)),
        };
    }
}
