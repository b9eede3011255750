using LowBit.Manifest;

namespace LowBit.Runtime.Reference;

/// <summary>Direct convolution: for every output element, Σ over the group's input channels and the window.</summary>
internal sealed class ReferenceConv2d : ReferenceStep
{
    private readonly Conv2dLayer _layer;
    private readonly int[] _input;
    private readonly TensorShape _inputShape;
    private readonly int _paddingLevel;
    private readonly sbyte[] _weights;

    public ReferenceConv2d(Conv2dLayer layer, int[] input, TensorShape inputShape, LevelFormat inputLevels)
        : base(layer.OutputShape.Length)
    {
        CheckLength(input, inputShape.Length, layer.Id + " input");
        _layer = layer;
        _input = input;
        _inputShape = inputShape;
        _paddingLevel = inputLevels.ZeroPoint;
        _weights = layer.Weights.Unpack(checked((int)layer.WeightCount));
    }

    public override void Run()
    {
        var window = _layer.Window;
        int inHeight = _inputShape.Height;
        int inWidth = _inputShape.Width;
        int outHeight = _layer.OutputShape.Height;
        int outWidth = _layer.OutputShape.Width;
        int inPerGroup = _layer.InChannelsPerGroup;
        int outPerGroup = _layer.OutChannelsPerGroup;

        for (int oc = 0; oc < _layer.OutChannels; oc++)
        {
            int group = oc / outPerGroup;
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    int accumulator = 0;
                    for (int icInGroup = 0; icInGroup < inPerGroup; icInGroup++)
                    {
                        int ic = group * inPerGroup + icInGroup;
                        for (int ky = 0; ky < window.KernelHeight; ky++)
                        {
                            int iy = oy * window.StrideHeight - window.PadTop + ky;
                            for (int kx = 0; kx < window.KernelWidth; kx++)
                            {
                                int ix = ox * window.StrideWidth - window.PadLeft + kx;
                                bool inside = iy >= 0 && iy < inHeight && ix >= 0 && ix < inWidth;
                                int activation = inside ? _input[(ic * inHeight + iy) * inWidth + ix] : _paddingLevel;
                                int weight = _weights[((oc * inPerGroup + icInGroup) * window.KernelHeight + ky) * window.KernelWidth + kx];
                                accumulator = checked(accumulator + weight * activation);
                            }
                        }
                    }

                    int index = (oc * outHeight + oy) * outWidth + ox;
                    Output[index] = _layer.Requantize is ThresholdRequantization thresholds
                        ? Requantizer.ToLevel(accumulator, oc, thresholds)
                        : accumulator;
                }
            }
        }
    }
}
