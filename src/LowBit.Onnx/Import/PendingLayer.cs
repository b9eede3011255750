using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>A linear or convolution layer whose requantization is not yet known (it is fixed by the next quantizer or the graph's output).</summary>
internal sealed class PendingLayer
{
    public PendingLayer(SourceNode node, LevelsSymbol input, IntegerWeights weights, Window2d? window, int groups, int[] outputShape)
    {
        Node = node;
        Input = input;
        Weights = weights;
        Window = window;
        Groups = groups;
        OutputShape = outputShape;
    }

    public SourceNode Node { get; }

    public LevelsSymbol Input { get; }

    public IntegerWeights Weights { get; }

    /// <summary>The convolution window, or null for a linear layer.</summary>
    public Window2d? Window { get; }

    public int Groups { get; }

    /// <summary>Output shape with batch (1).</summary>
    public int[] OutputShape { get; }

    public int OutChannels => Weights.OutChannels;

    /// <summary>The manifest layer with this requantization.</summary>
    public Layer Emit(string id, Requantization requantization)
    {
        var packed = Weights.Pack();
        if (Window is null)
        {
            return new LinearLayer(id, new[] { Input.TensorId }, TensorShape.Vector(OutChannels), Weights.FanIn, OutChannels, packed, requantization);
        }

        var shape = TensorShape.Chw(OutputShape[1], OutputShape[2], OutputShape[3]);
        return new Conv2dLayer(id, new[] { Input.TensorId }, shape, Input.Shape[1], OutChannels, Window, Groups, packed, requantization);
    }
}
