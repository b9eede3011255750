using System.Collections.Generic;
using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>The imported manifest, what the import did per layer, and where its input quantizer differs from the graph's (empty when exact).</summary>
public sealed record ImportResult(ModelManifest Manifest, IReadOnlyList<string> Log, IReadOnlyList<string> InputDifferences);
