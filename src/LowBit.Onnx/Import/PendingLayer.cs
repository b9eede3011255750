using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>A linear or convolution layer whose requantization is not yet known (it is fixed by the next quantizer or the graph's output).</summary>
internal sealed class PendingLayer : IPendingAccumulator
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

    public string IdStem => Window is null ? "linear" : "conv";

    public long Bound => AccumulatorBounds.DotProduct(Weights.FanIn, Weights.Encoding, Weights.Bits, Input.Levels);

    public (long Low, long High) Range(int channel) => (Weights.MinDot(channel, Input.MaxLevel), Weights.MaxDot(channel, Input.MaxLevel));

    /// <summary>The graph's integer dot product: α·acc + β·Σw.</summary>
    public long Exact(long accumulator, int channel) => (Input.Alpha * accumulator) + (Input.Beta * Weights.RowSums[channel]);

    public double Real(long accumulator, int channel) => Exact(accumulator, channel) * Input.Scale * Weights.Scale[channel];

    public string Describe()
    {
        string shape = Window is null ? $"{Weights.FanIn} → {Weights.OutChannels}" : $"{Input.Shape[1]} → {Weights.OutChannels} channels, {Window.KernelHeight}×{Window.KernelWidth} stride {Window.StrideHeight}";
        return $"{Node.OpType} '{Node.Name}' {shape}, weights {Weights.Origin} → {Weights.Encoding.ToString().ToLowerInvariant()} {Weights.Bits}-bit, input u{Input.Levels.Bits}";
    }

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
