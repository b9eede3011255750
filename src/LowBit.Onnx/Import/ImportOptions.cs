namespace LowBit.Onnx.Import;

/// <summary>Choices a user makes when importing.</summary>
/// <param name="ModelName">The manifest's model name (letters, digits, '_', '.', '-', '/').</param>
/// <param name="AcceptInputDifferences">
/// Import even when the manifest's input quantizer cannot reproduce the graph's on every float input
/// (e.g. a narrow 3-level grid on 2 bits, or ties the graph breaks both ways); the differing inputs are
/// stated exactly in <see cref="ImportResult.InputDifferences"/>. Without it such a model is refused.
/// </param>
/// <param name="Approximate">
/// For a float network (no quantizer at all): quantize it to 8 bits, import that exactly and report how far it is
/// from the float graph (<see cref="ImportResult.Approximation"/>). Null refuses float networks.
/// </param>
public sealed record ImportOptions(string ModelName, bool AcceptInputDifferences = false, ApproximationOptions? Approximate = null);
