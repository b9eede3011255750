using System.Collections.Generic;
using LowBit.Manifest;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx;

/// <summary>The ONNX attributes of a sliding window (Conv, MaxPool, AveragePool).</summary>
internal static class WindowAttributes
{
    public static List<AttributeProto> Of(Window2d window) => new()
    {
        OnnxGraph.Attribute("kernel_shape", window.KernelHeight, window.KernelWidth),
        OnnxGraph.Attribute("strides", window.StrideHeight, window.StrideWidth),
        OnnxGraph.Attribute("pads", window.PadTop, window.PadLeft, window.PadBottom, window.PadRight),
    };

    public static List<AttributeProto> Of(Window2d window, int groups)
    {
        var attributes = Of(window);
        attributes.Add(OnnxGraph.Attribute("group", (long)groups));
        return attributes;
    }
}
