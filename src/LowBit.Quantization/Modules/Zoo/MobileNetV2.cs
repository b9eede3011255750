using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules.Zoo;

/// <summary>
/// MobileNetV2 (Sandler et al. 2018) narrowed for 1×28×28 digits on two CPU cores: a 3×3 stem of 16
/// channels, inverted residuals (expansion t, channels c, repeats n, first stride s) of
/// (1,16,1,1), (4,24,2,2), (4,32,2,2), (4,64,2,1) — 28 → 14 → 7 — a 1×1 conv to 128, global average
/// pooling and a linear classifier. Plan names: <c>stem</c>, <c>block{i}.expand|depthwise|project|add</c>,
/// <c>head</c>, <c>fc</c>.
/// </summary>
public static class MobileNetV2
{
    private static readonly (int Expansion, int Channels, int Repeats, int Stride)[] Stages =
    {
        (1, 16, 1, 1), (4, 24, 2, 2), (4, 32, 2, 2), (4, 64, 2, 1),
    };

    public const int HeadChannels = 128;

    public static Sequential Create(LayerFactory layers, int classes = 10)
    {
        var model = nn.Sequential();
        if (layers.Method is not null)
        {
            model.append("input", new QInput(8, MnistCnn.InputScale));
        }

        model.append("stem", layers.ConvUnit("stem", 1, 16, 3));
        var channels = 16;
        var index = 0;
        foreach (var (expansion, width, repeats, stride) in Stages)
        {
            for (var i = 0; i < repeats; i++)
            {
                var name = $"block{index++}";
                model.append(name, InvertedResidual.Create(layers, name, channels, width, i == 0 ? stride : 1, expansion));
                channels = width;
            }
        }

        var head = layers.ConvUnit("head", channels, HeadChannels, 1);
        model.append("head", head);
        model.append("pool", layers.GlobalAvgPool(head[2]));
        model.append("flatten", nn.Flatten());
        model.append("fc", layers.Linear("fc", HeadChannels, classes));
        return model;
    }
}
