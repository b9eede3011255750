using LowBit.Manifest;

namespace LowBit.Onnx;

/// <summary>Shapes of per-channel constants that broadcast against a batched tensor of a manifest shape.</summary>
internal static class ValueShapes
{
    /// <summary>[C, 1, 1] for a feature map (N×C×H×W), [C] for a vector (N×C).</summary>
    public static long[] PerChannel(TensorShape shape) =>
        shape.Rank == 3 ? new long[] { shape.Channels, 1, 1 } : new long[] { shape.Channels };

    /// <summary>The per-channel shape with a trailing axis of <paramref name="length"/>.</summary>
    public static long[] PerChannelRow(TensorShape shape, int length) =>
        shape.Rank == 3 ? new long[] { shape.Channels, 1, 1, length } : new long[] { shape.Channels, length };

    public static long[] Dims(Conv2dLayer conv) =>
        new long[] { conv.OutChannels, conv.InChannelsPerGroup, conv.Window.KernelHeight, conv.Window.KernelWidth };
}
