using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>
/// 2-D convolution (groups, depthwise, stride, padding; dilation 1). Accumulates
/// Σ w·a in int32 with padded positions reading the input's zero point, then requantizes.
/// Weights are ordered [out, in/groups, kh, kw].
/// </summary>
public sealed class Conv2dLayer : Layer
{
    public Conv2dLayer(
        string id,
        IReadOnlyList<string> inputs,
        TensorShape outputShape,
        int inChannels,
        int outChannels,
        Window2d window,
        int groups,
        PackedWeights weights,
        Requantization requantize)
        : base(id, inputs, outputShape)
    {
        InChannels = inChannels;
        OutChannels = outChannels;
        Window = window;
        Groups = groups;
        Weights = weights;
        Requantize = requantize;
    }

    public override LayerOp Op => LayerOp.Conv2d;

    public int InChannels { get; }

    public int OutChannels { get; }

    public Window2d Window { get; }

    public int Groups { get; }

    public PackedWeights Weights { get; }

    public Requantization Requantize { get; }

    public int InChannelsPerGroup => InChannels / Groups;

    public int OutChannelsPerGroup => OutChannels / Groups;

    /// <summary>Weights one output value sums over.</summary>
    public int FanIn => InChannelsPerGroup * Window.Area;

    public long WeightCount => (long)OutChannels * FanIn;
}
