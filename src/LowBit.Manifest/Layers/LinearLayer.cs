using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>Fully connected layer on a vector input: acc[o] = Σ_i w[o, i]·a[i] in int32, then requantize.</summary>
public sealed class LinearLayer : Layer
{
    public LinearLayer(
        string id,
        IReadOnlyList<string> inputs,
        TensorShape outputShape,
        int inFeatures,
        int outFeatures,
        PackedWeights weights,
        Requantization requantize)
        : base(id, inputs, outputShape)
    {
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weights = weights;
        Requantize = requantize;
    }

    public override LayerOp Op => LayerOp.Linear;

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public PackedWeights Weights { get; }

    public Requantization Requantize { get; }

    public long WeightCount => (long)OutFeatures * InFeatures;
}
