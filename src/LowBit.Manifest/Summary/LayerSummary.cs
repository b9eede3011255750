using System;

namespace LowBit.Manifest;

/// <summary>
/// Size and cost of one layer, for <c>lowbit inspect</c> and the headers of generated code.
/// Multiply-accumulates count only weight products: conv2d is outC·outH·outW·fanIn, linear is in·out;
/// pooling, add and flatten do no weight products and count 0.
/// </summary>
public sealed class LayerSummary
{
    public LayerSummary(
        Layer layer,
        LevelFormat? outputLevels,
        long parameters,
        long packedWeightBytes,
        long requantizationBytes,
        long macs)
    {
        Layer = layer ?? throw new ArgumentNullException(nameof(layer));
        OutputLevels = outputLevels;
        Parameters = parameters;
        PackedWeightBytes = packedWeightBytes;
        RequantizationBytes = requantizationBytes;
        Macs = macs;
    }

    public Layer Layer { get; }

    public string Id => Layer.Id;

    public LayerOp Op => Layer.Op;

    public TensorShape OutputShape => Layer.OutputShape;

    /// <summary>The layer's weights, or null for layers without (pooling, add, flatten).</summary>
    public PackedWeights? Weights => Layer switch
    {
        Conv2dLayer conv => conv.Weights,
        LinearLayer linear => linear.Weights,
        _ => null,
    };

    /// <summary>Level format of the output, or null when the layer produces the model's float output (or its input is unknown).</summary>
    public LevelFormat? OutputLevels { get; }

    /// <summary>True for the last layer, whose accumulator becomes float output.</summary>
    public bool IsFloatOutput => Layer switch
    {
        Conv2dLayer conv => conv.Requantize is FloatOutput,
        LinearLayer linear => linear.Requantize is FloatOutput,
        _ => false,
    };

    /// <summary>Number of weights.</summary>
    public long Parameters { get; }

    /// <summary>Bytes of the packed weight payload.</summary>
    public long PackedWeightBytes { get; }

    /// <summary>Bytes of the requantization payload: int32 thresholds and negated-channel indices, or float32 output scale and bias.</summary>
    public long RequantizationBytes { get; }

    /// <summary>Weight multiply-accumulates per sample.</summary>
    public long Macs { get; }

    /// <summary>Short description of the weights, e.g. "2 signed", "1 binary", "2 ternary"; empty without weights.</summary>
    public string WeightDescription => Weights is { } weights ? $"{weights.Bits} {weights.Encoding.ToName()}" : string.Empty;

    /// <summary>Short description of the output levels, e.g. "2 unsigned", "4 signed" or "float".</summary>
    public string OutputDescription => IsFloatOutput
        ? "float"
        : OutputLevels is { } levels ? $"{levels.Bits} {(levels.Signed ? "signed" : "unsigned")}" : "?";

    /// <summary>Summarizes one layer whose input level format is <paramref name="inputLevels"/> (null if unknown).</summary>
    public static LayerSummary Create(Layer layer, LevelFormat? inputLevels)
    {
        if (layer is null)
        {
            throw new ArgumentNullException(nameof(layer));
        }

        switch (layer)
        {
            case Conv2dLayer conv:
            {
                long outputPositions = (long)conv.OutputShape.Height * conv.OutputShape.Width;
                return new LayerSummary(
                    layer,
                    layer.OutputLevels(inputLevels),
                    conv.WeightCount,
                    PackedWeights.PackedLength(conv.WeightCount, conv.Weights.Bits),
                    CountRequantizationBytes(conv.Requantize),
                    conv.OutChannels * outputPositions * conv.FanIn);
            }

            case LinearLayer linear:
                return new LayerSummary(
                    layer,
                    layer.OutputLevels(inputLevels),
                    linear.WeightCount,
                    PackedWeights.PackedLength(linear.WeightCount, linear.Weights.Bits),
                    CountRequantizationBytes(linear.Requantize),
                    linear.WeightCount);
            case AddLayer add:
                return new LayerSummary(layer, layer.OutputLevels(inputLevels), 0, 0, CountRequantizationBytes(add.Requantize), 0);
            default:
                return new LayerSummary(layer, layer.OutputLevels(inputLevels), 0, 0, 0, 0);
        }
    }

    private static long CountRequantizationBytes(Requantization requantization) => requantization switch
    {
        ThresholdRequantization thresholds => thresholds.Thresholds.Length * 4L + thresholds.NegatedChannels.Length * 4L,
        FloatOutput output => (output.Scale.Length + output.Bias.Length) * 4L,
        _ => 0,
    };
}
