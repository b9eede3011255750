using LowBit.Manifest;

namespace LowBit.Runtime.Reference;

/// <summary>Max of the window's in-bounds levels; padded positions take no part.</summary>
internal sealed class ReferenceMaxPool2d : ReferenceStep
{
    private readonly MaxPool2dLayer _layer;
    private readonly int[] _input;
    private readonly TensorShape _inputShape;

    public ReferenceMaxPool2d(MaxPool2dLayer layer, int[] input, TensorShape inputShape)
        : base(layer.OutputShape.Length)
    {
        CheckLength(input, inputShape.Length, layer.Id + " input");
        _layer = layer;
        _input = input;
        _inputShape = inputShape;
    }

    public override void Run()
    {
        var window = _layer.Window;
        int inHeight = _inputShape.Height;
        int inWidth = _inputShape.Width;
        int outHeight = _layer.OutputShape.Height;
        int outWidth = _layer.OutputShape.Width;
        for (int c = 0; c < _inputShape.Channels; c++)
        {
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    int max = int.MinValue;
                    for (int ky = 0; ky < window.KernelHeight; ky++)
                    {
                        int iy = oy * window.StrideHeight - window.PadTop + ky;
                        for (int kx = 0; kx < window.KernelWidth; kx++)
                        {
                            int ix = ox * window.StrideWidth - window.PadLeft + kx;
                            if (iy >= 0 && iy < inHeight && ix >= 0 && ix < inWidth)
                            {
                                int level = _input[(c * inHeight + iy) * inWidth + ix];
                                if (level > max)
                                {
                                    max = level;
                                }
                            }
                        }
                    }

                    Output[(c * outHeight + oy) * outWidth + ox] = max;
                }
            }
        }
    }
}
