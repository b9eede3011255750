using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>One node of the model graph. Layers run in list order; each reads the outputs named in <see cref="Inputs"/>.</summary>
public abstract class Layer
{
    private protected Layer(string id, IReadOnlyList<string> inputs, TensorShape outputShape)
    {
        Id = id;
        Inputs = inputs;
        OutputShape = outputShape;
    }

    public abstract LayerOp Op { get; }

    /// <summary>Unique name of the layer's output; <c>input</c> is reserved for the model input.</summary>
    public string Id { get; }

    /// <summary>Ids of the tensors this layer reads: one, or two for <see cref="LayerOp.Add"/>.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Shape of the layer's output, stated in the file and checked against the inferred shape.</summary>
    public TensorShape OutputShape { get; }
}
