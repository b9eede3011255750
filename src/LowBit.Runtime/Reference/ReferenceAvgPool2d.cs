using LowBit.Manifest;

namespace LowBit.Runtime.Reference;

/// <summary>Window sum (padded positions read the zero point) divided by the kernel area, rounded half to even.</summary>
internal sealed class ReferenceAvgPool2d : ReferenceStep
{
    private readonly AvgPool2dLayer _layer;
    private readonly int[] _input;
    private readonly TensorShape _inputShape;
    private readonly int _paddingLevel;

    public ReferenceAvgPool2d(AvgPool2dLayer layer, int[] input, TensorShape inputShape, LevelFormat inputLevels)
        : base(layer.OutputShape.Length)
    {
        CheckLength(input, inputShape.Length, layer.Id + " input");
        _layer = layer;
        _input = input;
        _inputShape = inputShape;
        _paddingLevel = inputLevels.ZeroPoint;
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
                    int sum = 0;
                    for (int ky = 0; ky < window.KernelHeight; ky++)
                    {
                        int iy = oy * window.StrideHeight - window.PadTop + ky;
                        for (int kx = 0; kx < window.KernelWidth; kx++)
                        {
                            int ix = ox * window.StrideWidth - window.PadLeft + kx;
                            bool inside = iy >= 0 && iy < inHeight && ix >= 0 && ix < inWidth;
                            sum = checked(sum + (inside ? _input[(c * inHeight + iy) * inWidth + ix] : _paddingLevel));
                        }
                    }

                    Output[(c * outHeight + oy) * outWidth + ox] = Requantizer.DivideRoundHalfEven(sum, window.Area);
                }
            }
        }
    }
}
