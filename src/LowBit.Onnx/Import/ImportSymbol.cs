namespace LowBit.Onnx.Import;

/// <summary>What a graph value is, as the streamliner sees it: raw float input, integer levels, or an accumulator on its way to a quantizer.</summary>
internal abstract class ImportSymbol
{
    /// <summary>Shape with the batch dimension (as 1).</summary>
    public abstract int[] Shape { get; }
}
