using System.Linq;
using Google.Protobuf;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx.Tests.Import;

/// <summary>NCHW graphs as Brevitas exports them: Conv, ReLU, average pools and the Trunc that ends a quantized average pool.</summary>
internal sealed partial class QonnxGraphBuilder
{
    /// <summary>A graph whose input "x" is [1, channels, height, width].</summary>
    public static QonnxGraphBuilder Image(int channels, int height, int width) => new(new[] { 1, channels, height, width });

    /// <summary>Conv by integer weights [out, in, k, k] (row-major), no bias.</summary>
    public QonnxGraphBuilder Conv(float[] weights, int outChannels, int inChannels, int kernel, int padding = 0)
    {
        string name = Constant(weights, outChannels, inChannels, kernel, kernel);
        var node = Node("Conv", string.Empty, Current, name);
        node.Attribute.Add(Ints("pads", padding, padding, padding, padding));
        return this;
    }

    public QonnxGraphBuilder Relu()
    {
        Node("Relu", string.Empty, Current);
        return this;
    }

    /// <summary>AveragePool with a square window; count_include_pad written only when given.</summary>
    public QonnxGraphBuilder AveragePool(int kernel, int stride, int padding = 0, bool? countIncludePad = null)
    {
        var node = Node("AveragePool", string.Empty, Current);
        node.Attribute.Add(Ints("kernel_shape", kernel, kernel));
        node.Attribute.Add(Ints("strides", stride, stride));
        node.Attribute.Add(Ints("pads", padding, padding, padding, padding));
        if (countIncludePad is { } include)
        {
            node.Attribute.Add(new AttributeProto { Name = "count_include_pad", Type = AttributeProto.Types.AttributeType.Int, I = include ? 1 : 0 });
        }

        return this;
    }

    public QonnxGraphBuilder GlobalAveragePool()
    {
        Node("GlobalAveragePool", string.Empty, Current);
        return this;
    }

    /// <summary>
    /// QONNX Trunc of opset 2 (X, scale, zeropt, in_bitwidth, out_scale, out_bitwidth), with an out_zeropt before
    /// out_bitwidth when <paramref name="outZeroPoint"/> is given (qonnx's seven-input form), or qonnx's first
    /// five-input form when <paramref name="firstVersion"/> (no out_scale, no signed/narrow attributes).
    /// <paramref name="zeroPoint"/> is the input zeropt; <paramref name="narrow"/> the clamp's narrow attribute.
    /// </summary>
    public QonnxGraphBuilder Trunc(double scale, double outScale, int inBits, int outBits, bool signed, string rounding = "FLOOR", bool firstVersion = false, double? outZeroPoint = null, double zeroPoint = 0, bool narrow = false)
    {
        var node = firstVersion
            ? Node("Trunc", QonnxDomain, Current, Constant(scale), Constant(zeroPoint), Constant(inBits), Constant(outBits))
            : outZeroPoint is { } zero
                ? Node("Trunc", QonnxDomain, Current, Constant(scale), Constant(zeroPoint), Constant(inBits), Constant(outScale), Constant(zero), Constant(outBits))
                : Node("Trunc", QonnxDomain, Current, Constant(scale), Constant(zeroPoint), Constant(inBits), Constant(outScale), Constant(outBits));
        node.Attribute.Add(new AttributeProto { Name = "rounding_mode", Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(rounding) });
        if (!firstVersion)
        {
            node.Attribute.Add(new AttributeProto { Name = "signed", Type = AttributeProto.Types.AttributeType.Int, I = signed ? 1 : 0 });
            node.Attribute.Add(new AttributeProto { Name = "narrow", Type = AttributeProto.Types.AttributeType.Int, I = narrow ? 1 : 0 });
        }

        return this;
    }

    public QonnxGraphBuilder Flatten()
    {
        Node("Flatten", string.Empty, Current);
        return this;
    }

    /// <summary>Gemm by an integer matrix given as rows [in][out] (transB 0, no bias).</summary>
    public QonnxGraphBuilder Gemm(float[,] weights)
    {
        string name = Constant(weights.Cast<float>().ToArray(), weights.GetLength(0), weights.GetLength(1));
        Node("Gemm", string.Empty, Current, name);
        return this;
    }

    private static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
