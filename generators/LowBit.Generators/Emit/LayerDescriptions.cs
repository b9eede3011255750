using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>One-line human descriptions of layers for generated headers and doc comments.</summary>
internal static class LayerDescriptions
{
    public static string Describe(Layer layer) => layer switch
    {
        Conv2dLayer c => $"conv2d {c.InChannels} → {c.OutChannels}, {Window(c.Window)}, groups {c.Groups}, weights {Weights(c.Weights)}",
        LinearLayer l => $"linear {l.InFeatures} → {l.OutFeatures}, weights {Weights(l.Weights)}",
        MaxPool2dLayer m => $"maxPool2d {Window(m.Window)}",
        AvgPool2dLayer a => $"avgPool2d {Window(a.Window)}",
        GlobalAvgPoolLayer => "globalAvgPool",
        AddLayer a => $"add {a.FirstMultiplier}·{a.Inputs[0]} + {a.SecondMultiplier}·{a.Inputs[1]}",
        _ => layer.Op.ToName(),
    };

    public static string Window(Window2d w) =>
        $"kernel {w.KernelHeight}×{w.KernelWidth}, stride {w.StrideHeight}×{w.StrideWidth}, padding [{w.PadTop}, {w.PadLeft}, {w.PadBottom}, {w.PadRight}]";

    public static string Weights(PackedWeights w) => w.Encoding switch
    {
        WeightEncoding.Binary => "binary (±1)",
        WeightEncoding.Ternary => "ternary (−1, 0, +1)",
        _ => $"signed {w.Bits}-bit",
    };
}
