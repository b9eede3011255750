using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules.Zoo;

/// <summary>
/// The ResNet basic block (He et al. 2016) in quantized form: 3×3 conv (stride s) → BN → ReLU levels →
/// 3×3 conv → BN → signed levels, plus the shortcut — identity, or 1×1 conv (stride s) → BN → signed levels
/// when the shape changes — joined by an add whose quantizer is the block's ReLU. Plan names:
/// <c>{name}.conv1</c>, <c>{name}.conv2</c>, <c>{name}.shortcut</c>, <c>{name}.add</c>.
/// </summary>
public static class BasicBlock
{
    public static QResidual Create(LayerFactory layers, string name, int inChannels, int outChannels, int stride)
    {
        var body = nn.Sequential(
            ("conv1", layers.ConvUnit($"{name}.conv1", inChannels, outChannels, 3, stride)),
            ("conv2", layers.ConvUnit($"{name}.conv2", outChannels, outChannels, 3, signedOutput: true)));
        Sequential? shortcut = stride == 1 && inChannels == outChannels
            ? null
            : nn.Sequential(("projection", layers.ConvUnit($"{name}.shortcut", inChannels, outChannels, 1, stride, signedOutput: true)));
        return new QResidual(body, shortcut, layers.Join($"{name}.add", signedOutput: false));
    }
}
