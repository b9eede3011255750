using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules.Zoo;

/// <summary>
/// MobileNetV2's inverted residual (Sandler et al. 2018) in quantized form: 1×1 expand → BN → ReLU levels
/// (skipped at expansion 1), 3×3 depthwise (stride s) → BN → ReLU levels, 1×1 linear projection → BN →
/// signed levels (no ReLU: the linear bottleneck); with stride 1 and equal channels the input is added back
/// and the join is signed too. Plan names: <c>{name}.expand</c>, <c>{name}.depthwise</c>,
/// <c>{name}.project</c>, <c>{name}.add</c>.
/// </summary>
public static class InvertedResidual
{
    public static nn.Module<Tensor, Tensor> Create(LayerFactory layers, string name, int inChannels, int outChannels, int stride, int expansion)
    {
        var hidden = inChannels * expansion;
        var body = nn.Sequential();
        if (expansion != 1)
        {
            body.append("expand", layers.ConvUnit($"{name}.expand", inChannels, hidden, 1));
        }

        body.append("depthwise", layers.ConvUnit($"{name}.depthwise", hidden, hidden, 3, stride, groups: hidden));
        body.append("project", layers.ConvUnit($"{name}.project", hidden, outChannels, 1, signedOutput: true));
        return stride == 1 && inChannels == outChannels
            ? new QResidual(body, null, layers.Join($"{name}.add", signedOutput: true))
            : body;
    }
}
