using System;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules;

/// <summary>
/// Global average pooling ([N, C, H, W] → [N, C, 1, 1]) on the levels of <see cref="Source"/>'s output,
/// rounded half to even as the integer contract does. The source activation gives the level step (it is
/// referenced, not owned).
/// </summary>
public sealed class QGlobalAvgPool : nn.Module<Tensor, Tensor>
{
    public QGlobalAvgPool(QActivation source) : base(nameof(QGlobalAvgPool))
    {
        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    public QActivation Source { get; }

    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 4)
        {
            throw new ArgumentException($"QGlobalAvgPool expects [N, C, H, W] input, found {input.dim()} dimensions");
        }

        return LevelAverage.Apply(input, Source.Quantizer.Grid().Step, input.shape[2] * input.shape[3], x => x.mean(new long[] { 2, 3 }, keepdim: true));
    }
}
