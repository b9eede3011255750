namespace LowBit.Onnx.Import;

/// <summary>
/// What an approximate import did: the graph with the inserted quantizers, which the manifest computes exactly, and how
/// far the manifest is from the original float graph on random inputs.
/// </summary>
/// <param name="QuantizedGraph">The float graph with the inserted Quant nodes: the graph the exact import read.</param>
/// <param name="Comparison">The manifest against the original float graph.</param>
/// <param name="HasClasses">False when the output is a feature map, whose argmax is no class.</param>
public sealed record ApproximationReport(SourceGraph QuantizedGraph, CheckReport Comparison, bool HasClasses)
{
    /// <summary>The RMS difference relative to the RMS of the float graph's outputs.</summary>
    public double RelativeRms => Comparison.RmsScoreDifference / Comparison.ScoreRms;

    public override string ToString() =>
        $"approximate: on {Comparison.Count} random inputs the integer model's outputs differ from the float graph by at most {Comparison.MaxScoreDifference:G3} "
        + $"(RMS {Comparison.RmsScoreDifference:G3}, {100 * RelativeRms:F2} % of the outputs' RMS {Comparison.ScoreRms:G3}); "
        + (HasClasses ? $"classes agree on {Comparison.Agreeing} of {Comparison.Count}" : "the output is a feature map, not classes");
}
