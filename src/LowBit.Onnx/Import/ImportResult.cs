using System.Collections.Generic;
using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>The imported manifest, what the import did per layer, and where its input quantizer differs from the graph's (empty when exact).</summary>
public sealed record ImportResult(ModelManifest Manifest, IReadOnlyList<string> Log, IReadOnlyList<string> InputDifferences)
{
    /// <summary>For an approximated float network: the quantized graph and how far the manifest is from the float graph; null for an exact import.</summary>
    public ApproximationReport? Approximation { get; init; }
}
