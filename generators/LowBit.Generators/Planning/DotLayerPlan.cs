using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>
/// A conv2d or linear layer lowered to dot products: per output pixel and group, a patch of K input
/// bytes (gathered in (ky, kx, channel) order) dotted with rows of K weights. Everything here is fixed
/// at generation time: the re-laid-out weights, the thresholds with the input offset folded in, and
/// the bounds that pick the accumulation scheme.
/// </summary>
internal sealed class DotLayerPlan
{
    public DotLayerPlan(Layer layer, TensorLayout input, TensorLayout? output, int groups, int outChannels, int kernelHeight, int kernelWidth, Window2d? window)
    {
        Layer = layer;
        Input = input;
        Output = output;
        Groups = groups;
        OutChannels = outChannels;
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Window = window;
    }

    public Layer Layer { get; }

    public TensorLayout Input { get; }

    /// <summary>Null when this is the float-output layer.</summary>
    public TensorLayout? Output { get; }

    public Window2d? Window { get; }

    public int Groups { get; }

    public int OutChannels { get; }

    public int KernelHeight { get; }

    public int KernelWidth { get; }

    public int InChannelsPerGroup => Input.Channels / Groups;

    public int OutChannelsPerGroup => OutChannels / Groups;

    /// <summary>Output channels per group rounded up to the 4 rows a dot kernel computes at once (extra rows are zero).</summary>
    public int PaddedOutChannelsPerGroup => RoundUp(OutChannelsPerGroup, 4);

    /// <summary>Products per output value.</summary>
    public int K => Layer is LinearLayer linear ? linear.InFeatures : KernelHeight * KernelWidth * InChannelsPerGroup;

    /// <summary>K rounded up to the 16-byte step of the dot kernels; weights beyond K are zero.</summary>
    public int PaddedK => RoundUp(K, 16);

    /// <summary>Weights as [group][padded out channel][padded K], K in the patch's (ky, kx, channel) order.</summary>
    public sbyte[] Weights { get; set; } = System.Array.Empty<sbyte>();

    public int MaxWeightMagnitude { get; set; }

    /// <summary>Largest |stored activation × weight|: decides how long int16 accumulation stays exact.</summary>
    public int MaxProduct => Input.MaxStored * MaxWeightMagnitude;

    /// <summary>Worst case |Σ stored activation × weight| over K products.</summary>
    public long AccumulatorBound => (long)K * MaxProduct;

    /// <summary>Per output channel Σ w · Levels.Min of the input: what the offset storage leaves out of the accumulator.</summary>
    public long[] OffsetCorrection { get; set; } = System.Array.Empty<long>();

    /// <summary>Thresholds against the offset accumulator (T − s·correction), [channel][2^bits − 1].</summary>
    public int[] Thresholds { get; set; } = System.Array.Empty<int>();

    public bool[] Negated { get; set; } = System.Array.Empty<bool>();

    /// <summary>
    /// Requantize each block of four adjacent output channels with vector compares (2^bits − 1 of them)
    /// instead of four binary searches: for outputs of up to 4 bits, in ungrouped layers, where the four
    /// channels of a block are adjacent in the output.
    /// </summary>
    public bool RequantizesFourAtOnce => FloatOutput is null && OutputBits <= 4 && (Groups == 1 || IsDepthwise);

    /// <summary>
    /// A depthwise conv (one filter per channel) with an integer output: computed across channels, eight at
    /// a time, instead of as one tiny dot product per channel padded to four rows of 16.
    /// </summary>
    public bool IsDepthwise => Layer is Conv2dLayer && Groups > 1 && InChannelsPerGroup == 1 && OutChannelsPerGroup == 1 && FloatOutput is null;

    /// <summary>Depthwise weights as [k = ky·kw + kx][channel], so one load reads eight channels' weight at a window position.</summary>
    public sbyte[] DepthwiseWeights()
    {
        int area = KernelHeight * KernelWidth;
        var result = new sbyte[area * OutChannels];
        for (int c = 0; c < OutChannels; c++)
        {
            for (int k = 0; k < area; k++)
            {
                result[(k * OutChannels) + c] = Weights[(c * PaddedOutChannelsPerGroup * PaddedK) + k];
            }
        }

        return result;
    }

    /// <summary>Whether any channel is requantized one at a time (all of them, or those past the last full block of four).</summary>
    public bool RequantizesOneAtATime => FloatOutput is null && (!RequantizesFourAtOnce || OutChannels % 4 != 0);

    public bool HasInterleavedThresholds => RequantizesFourAtOnce && OutChannels >= 4;

    /// <summary>
    /// <see cref="Thresholds"/> of every full block of four channels interleaved as [block][threshold][4 channels],
    /// so one vector load fetches threshold j of the block's four channels.
    /// </summary>
    public int[] InterleavedThresholds()
    {
        int perChannel = (1 << OutputBits) - 1;
        int blocks = OutChannels / 4;
        var result = new int[blocks * perChannel * 4];
        for (int b = 0; b < blocks; b++)
        {
            for (int j = 0; j < perChannel; j++)
            {
                for (int r = 0; r < 4; r++)
                {
                    result[(((b * perChannel) + j) * 4) + r] = Thresholds[((b * 4) + r) * perChannel + j];
                }
            }
        }

        return result;
    }

    public bool HasNegated { get; set; }

    public int OutputBits => Output?.Levels.Bits ?? 0;

    public FloatOutput? FloatOutput { get; set; }

    /// <summary>A 1×1, stride 1, unpadded, ungrouped conv (or a linear): each pixel's channels already form the patch.</summary>
    public bool ReadsInputDirectly =>
        Layer is LinearLayer
        || (KernelHeight == 1 && KernelWidth == 1 && Groups == 1 && Window is { StrideHeight: 1, StrideWidth: 1, PadTop: 0, PadLeft: 0, PadBottom: 0, PadRight: 0 });

    public int OutputHeight => Layer.OutputShape.Height;

    public int OutputWidth => Layer.OutputShape.Width;

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
