using System;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Onnx;

/// <summary>
/// Lowers a manifest to the float model it approximates (<see cref="Dequantization"/>), optionally with
/// QuantizeLinear/DequantizeLinear around every activation and int8 per-channel weights: the QDQ form
/// ONNX Runtime turns into QLinearConv, QGemm and friends. In QDQ form the clip is left to the 8-bit
/// quantizer's saturation, and a residual add is a plain sum of its two inputs (its per-channel scaling
/// would keep ONNX Runtime from fusing it).
/// </summary>
internal sealed class DequantizedLowering
{
    private readonly OnnxGraph _graph;
    private readonly bool _qdq;

    public DequantizedLowering(OnnxGraph graph, bool qdq)
    {
        _graph = graph;
        _qdq = qdq;
    }

    public LoweredTensor Input(string input, InputSpec spec) =>
        new(Activation(input, Dequantization.RangeOf(spec.Levels), "input_q"), spec.Shape, spec.Levels);

    public LoweredTensor Dot(Layer layer, LoweredTensor input)
    {
        var dot = Dequantization.Dot(layer, input.Levels);
        string result = layer switch
        {
            Conv2dLayer conv => _graph.Node(
                "Conv",
                conv.Id + "_conv",
                new[] { input.Name, Weights(conv.Id, dot, ValueShapes.Dims(conv)), Bias(conv.Id, dot, input.Range) },
                WindowAttributes.Of(conv.Window, conv.Groups).ToArray()),
            LinearLayer linear => _graph.Node(
                "Gemm",
                linear.Id + "_gemm",
                new[] { input.Name, Weights(linear.Id, dot, linear.OutFeatures, linear.InFeatures), Bias(linear.Id, dot, input.Range) },
                OnnxGraph.Attribute("transB", 1L)),
            _ => throw new ArgumentException($"Layer '{layer.Id}' is not a dot layer.", nameof(layer)),
        };
        return dot.Clip is null ? new LoweredTensor(result, layer.OutputShape, input.Levels) : Clipped(result, dot.Clip, layer);
    }

    public LoweredTensor Add(AddLayer add, LoweredTensor first, LoweredTensor second)
    {
        var parameters = Dequantization.Add(add, first.Levels, second.Levels);
        if (_qdq)
        {
            return Quantized(_graph.Node("Add", add.Id + "_sum", first.Name, second.Name), parameters.Clip, add);
        }

        var perChannel = ValueShapes.PerChannel(add.OutputShape);
        var a = _graph.Node("Mul", add.Id + "_first", first.Name, _graph.Floats(add.Id + "_k0", parameters.First, perChannel));
        var b = _graph.Node("Mul", add.Id + "_second", second.Name, _graph.Floats(add.Id + "_k1", parameters.Second, perChannel));
        var sum = _graph.Node("Add", add.Id + "_sum", _graph.Node("Add", add.Id + "_ab", a, b), _graph.Floats(add.Id + "_bias", parameters.Bias, perChannel));
        return Clipped(sum, parameters.Clip, add);
    }

    public LoweredTensor Pool(Layer layer, LoweredTensor input)
    {
        string pooled = layer switch
        {
            MaxPool2dLayer max => _graph.Node("MaxPool", max.Id + "_pool", new[] { input.Name }, WindowAttributes.Of(max.Window).ToArray()),
            AvgPool2dLayer average => _graph.Node(
                "AveragePool",
                average.Id + "_pool",
                new[] { input.Name },
                WindowAttributes.Of(average.Window).Append(OnnxGraph.Attribute("count_include_pad", 1L)).ToArray()),
            GlobalAvgPoolLayer global => _graph.Node("GlobalAveragePool", global.Id + "_pool", input.Name),
            FlattenLayer flatten => _graph.Node("Flatten", flatten.Id + "_flat", new[] { input.Name }, OnnxGraph.Attribute("axis", 1L)),
            _ => throw new ArgumentException($"Layer '{layer.Id}' is not a pooling or reshaping layer.", nameof(layer)),
        };
        return new LoweredTensor(Activation(pooled, input.Range, layer.Id), layer.OutputShape, input.Levels) { Range = input.Range };
    }

    private LoweredTensor Clipped(string value, RealRange range, Layer layer)
    {
        if (_qdq)
        {
            return Quantized(value, range, layer);
        }

        var clipped = _graph.Node("Clip", layer.Id, value, _graph.Scalar(layer.Id + "_low", range.Low), _graph.Scalar(layer.Id + "_high", range.High));
        return new LoweredTensor(clipped, layer.OutputShape, LevelsOf(layer)) { Range = range };
    }

    private LoweredTensor Quantized(string value, RealRange range, Layer layer) =>
        new(Activation(value, range, layer.Id), layer.OutputShape, LevelsOf(layer)) { Range = range };

    private static LevelFormat LevelsOf(Layer layer) =>
        layer.OutputLevels(null) ?? throw new ArgumentException($"Layer '{layer.Id}' has no output levels.", nameof(layer));

    /// <summary>Float: the value itself. QDQ: QuantizeLinear then DequantizeLinear with the tensor's 8-bit parameters.</summary>
    private string Activation(string value, RealRange range, string stem)
    {
        if (!_qdq)
        {
            return value;
        }

        var q = ActivationQuantization.For(range);
        var scale = _graph.Scalar(stem + "_scale", q.Scale);
        var zeroPoint = q.Signed ? _graph.Int8Scalar(stem + "_zp", (sbyte)q.ZeroPoint) : _graph.UInt8Scalar(stem + "_zp", (byte)q.ZeroPoint);
        var quantized = _graph.Node("QuantizeLinear", stem + "_quantized", value, scale, zeroPoint);
        return _graph.Node("DequantizeLinear", stem + "_dequantized", quantized, scale, zeroPoint);
    }

    private string Weights(string id, DequantizedDot dot, params long[] dims)
    {
        if (!_qdq)
        {
            return _graph.Floats(id + "_weight", dot.Weights, dims);
        }

        int outChannels = (int)dims[0];
        int fanIn = dot.Weights.Length / outChannels;
        var scales = WeightScales(dot, outChannels);
        var codes = new sbyte[dot.Weights.Length];
        for (int i = 0; i < codes.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(dot.Weights[i] / scales[i / fanIn]), -128, 127);
        }

        return _graph.Node(
            "DequantizeLinear",
            id + "_weight",
            new[] { _graph.Int8s(id + "_weight_int8", codes, dims), _graph.Floats(id + "_weight_scale", scales, outChannels), _graph.Int8s(id + "_weight_zp", new sbyte[outChannels], outChannels) },
            OnnxGraph.Attribute("axis", 0L));
    }

    private string Bias(string id, DequantizedDot dot, RealRange inputRange)
    {
        if (!_qdq)
        {
            return _graph.Floats(id + "_bias", dot.Bias, dot.Bias.Length);
        }

        // Bias in int32 at the product scale (input scale × weight scale), as QLinearConv expects it.
        float inputScale = ActivationQuantization.For(inputRange).Scale;
        var scales = WeightScales(dot, dot.Bias.Length).Select(s => s * inputScale).ToArray();
        var codes = dot.Bias.Select((b, c) => (int)Math.Clamp(Math.Round(b / (double)scales[c]), int.MinValue, int.MaxValue)).ToArray();
        return _graph.Node(
            "DequantizeLinear",
            id + "_bias",
            new[] { _graph.Int32s(id + "_bias_int32", codes, codes.Length), _graph.Floats(id + "_bias_scale", scales, scales.Length) },
            OnnxGraph.Attribute("axis", 0L));
    }

    // One weight step per channel, not ONNX Runtime's quantizer's max/127: the int8 codes are then the
    // manifest's own integers, exact rather than rounded, and for weights of up to 7 bits every u8×s8 pair
    // sum fits in int16 — ONNX Runtime's x64 kernels without VNNI add pairs with saturating vpmaddubsw
    // (ORT documents it and advises reduce_range), so max/127 codes gave different answers on AVX2-only CPUs.
    private static float[] WeightScales(DequantizedDot dot, int outChannels) => dot.WeightSteps;
}
