using System;

namespace LowBit.Generators;

/// <summary>
/// The part every windowed layer method shares: the optional zero-point-padded copy of the input, and the loop
/// over kernel calls (output rows) with the call's input window and output row in scope.
/// </summary>
internal static class WindowLoopEmitter
{
    /// <summary>Declares <c>source</c>: the input, or its padded copy.</summary>
    public static void EmitSource(CodeWriter w, DotLayerPlan dot, WindowGeometry geometry)
    {
        if (geometry.CopiesPadded)
        {
            var window = dot.Window!;
            w.Line($"// Zero-point padding: the input with a border of level {dot.Input.StoredZero}, so every window is read in place.");
            w.Line($"LowBitLayerKernels.PadImage(input, _padded, {dot.Input.Height}, {dot.Input.Width}, {dot.Input.Channels}, {window.PadTop}, {window.PadLeft}, {geometry.PaddedHeight}, {geometry.PaddedWidth}, {dot.Input.StoredZero});");
            w.Line("ref byte source = ref MemoryMarshal.GetArrayDataReference(_padded);");
        }
        else
        {
            w.Line("ref byte source = ref MemoryMarshal.GetReference(input);");
        }
    }

    /// <summary>
    /// Calls <paramref name="call"/>(input window, output row, first pixel) once per kernel call; byte outputs
    /// need <c>target</c> declared (the output row is null for float outputs, which index by pixel).
    /// </summary>
    public static void EmitCalls(CodeWriter w, DotLayerPlan dot, WindowGeometry geometry, Action<string, string?, string> call)
    {
        bool bytes = dot.FloatOutput is null;
        if (geometry.Calls == 1)
        {
            call("source", bytes ? "target" : null, "0");
            return;
        }

        using (w.Block($"for (int row = 0; row < {geometry.Calls}; row++)"))
        {
            w.Line($"ref byte window = ref Unsafe.Add(ref source, row * {geometry.InputStepPerCall});");
            if (bytes)
            {
                w.Line($"ref byte outputRow = ref Unsafe.Add(ref target, row * {geometry.PixelsPerCall * dot.OutChannels});");
            }

            call("window", bytes ? "outputRow" : null, $"row * {geometry.PixelsPerCall}");
        }
    }
}
