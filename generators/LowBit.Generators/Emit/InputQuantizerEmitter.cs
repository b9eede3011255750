using static LowBit.Generators.CodeWriter;

namespace LowBit.Generators;

/// <summary>
/// Emits the input quantizer's call: float compares against generation-time thresholds when the input has at
/// most 16 levels (<see cref="InputThresholds"/>), else the division.
/// </summary>
internal static class InputQuantizerEmitter
{
    public static string Call(ModelPlan model, string input, string output)
    {
        var levels = model.Manifest.Input.Levels;
        var layout = model.Input;
        return Thresholds(model) is null
            ? $"LowBitLayerKernels.QuantizeInput({input}, {output}, {layout.Channels}, {layout.Pixels}, {Float(levels.Scale)}, {Float(levels.Min - levels.ZeroPoint)}, {Float(levels.Max - levels.ZeroPoint)}, {layout.StoredZero});"
            : $"LowBitLayerKernels.QuantizeInputByThresholds({input}, {output}, {layout.Channels}, {layout.Pixels}, InputThresholds, lowest: {layout.StoredZero + levels.Min - levels.ZeroPoint});";
    }

    public static void WriteData(CodeWriter w, ModelPlan model)
    {
        if (Thresholds(model) is not { } thresholds)
        {
            return;
        }

        var levels = model.Manifest.Input.Levels;
        w.Line();
        DataEmitter.WriteFloats(w, "InputThresholds", thresholds, $"Input level k is reached from the k-th float up: the smallest x whose x / {Float(levels.Scale)} rounds (half-even) to k or above.", model.OptimizedBuild);
        w.Line();
    }

    private static float[]? Thresholds(ModelPlan model)
    {
        var levels = model.Manifest.Input.Levels;
        return InputThresholds.TryCompute(levels.Scale, levels.Min - levels.ZeroPoint, levels.Max - levels.ZeroPoint);
    }
}
