using System;
using System.Collections.Generic;

namespace LowBit.Fuzz;

/// <summary>
/// The harnesses by name. Each takes one input and returns normally when the reader accepted it or
/// refused it with the project's own exception; any other exception escapes, and afl-fuzz records the
/// input as a crash.
/// </summary>
internal static class FuzzTargets
{
    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["manifest"] = ManifestHarness.Run,
        ["onnx"] = OnnxHarness.Run,
    };

    public static IEnumerable<string> Names => Targets.Keys;

    public static Action<byte[]>? Find(string name) => Targets.TryGetValue(name, out var target) ? target : null;
}
