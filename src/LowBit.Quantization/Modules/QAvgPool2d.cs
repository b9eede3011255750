using System;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules;

/// <summary>
/// Average pooling on the levels of <see cref="Source"/>'s output, rounded as the integer contract does
/// (count_include_pad, round half to even), so it exports exactly. The source is the activation whose
/// output this module reads: its grid gives the level step (it is referenced, not owned).
/// </summary>
public sealed class QAvgPool2d : nn.Module<Tensor, Tensor>
{
    public QAvgPool2d(QActivation source, int kernel, int stride, int padding = 0) : base(nameof(QAvgPool2d))
    {
        if (kernel < 1 || stride < 1 || padding < 0 || padding > kernel / 2)
        {
            throw new ArgumentException($"QAvgPool2d: expected kernel ≥ 1, stride ≥ 1 and 0 ≤ padding ≤ kernel / 2, found kernel {kernel}, stride {stride}, padding {padding}");
        }

        Source = source ?? throw new ArgumentNullException(nameof(source));
        (Kernel, Stride, Padding) = (kernel, stride, padding);
    }

    public QActivation Source { get; }

    public int Kernel { get; }

    public int Stride { get; }

    public int Padding { get; }

    public override Tensor forward(Tensor input) =>
        LevelAverage.Apply(input, Source.Quantizer.Grid().Step, (long)Kernel * Kernel, Average);

    private Tensor Average(Tensor x) =>
        nn.functional.avg_pool2d(x, new long[] { Kernel, Kernel }, new long[] { Stride, Stride }, new long[] { Padding, Padding }, ceil_mode: false, count_include_pad: true);
}
