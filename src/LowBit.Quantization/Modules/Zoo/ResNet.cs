using System;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules.Zoo;

/// <summary>
/// The CIFAR-style ResNet (He et al. 2016, section 4.2) sized for 1×28×28 digits: a 3×3 stem of 16
/// channels, three stages of n basic blocks at 16, 32 and 64 channels (stride 2 entering stages 2 and 3,
/// so 28 → 14 → 7), global average pooling and a linear classifier; depth = 6n + 2 (ResNet-8: n = 1,
/// ResNet-20: n = 3). Plan names: <c>stem</c>, <c>layer{s}.{b}.conv1|conv2|shortcut|add</c>, <c>fc</c>.
/// </summary>
public static class ResNet
{
    public static Sequential Create(LayerFactory layers, int depth, int classes = 10)
    {
        if (depth < 8 || (depth - 2) % 6 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(depth), depth, "ResNet depth must be 6n + 2 with n ≥ 1 (8, 14, 20, …)");
        }

        var blocksPerStage = (depth - 2) / 6;
        var model = nn.Sequential();
        if (layers.Method is not null)
        {
            model.append("input", new QInput(8, MnistCnn.InputScale));
        }

        model.append("stem", layers.ConvUnit("stem", 1, 16, 3));
        QResidual? last = null;
        var channels = 16;
        var widths = new[] { 16, 32, 64 };
        for (var stage = 0; stage < widths.Length; stage++)
        {
            var stageModule = nn.Sequential();
            for (var block = 0; block < blocksPerStage; block++)
            {
                var name = $"layer{stage + 1}.{block}";
                last = BasicBlock.Create(layers, name, channels, widths[stage], block == 0 && stage > 0 ? 2 : 1);
                stageModule.append(block.ToString(System.Globalization.CultureInfo.InvariantCulture), last);
                channels = widths[stage];
            }

            model.append($"layer{stage + 1}", stageModule);
        }

        model.append("pool", layers.GlobalAvgPool(last!.Join));
        model.append("flatten", nn.Flatten());
        model.append("fc", layers.Linear("fc", channels, classes));
        return model;
    }
}
