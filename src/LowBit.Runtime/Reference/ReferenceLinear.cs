using LowBit.Manifest;

namespace LowBit.Runtime.Reference;

/// <summary>acc[o] = Σ_i w[o, i]·a[i].</summary>
internal sealed class ReferenceLinear : ReferenceStep
{
    private readonly LinearLayer _layer;
    private readonly int[] _input;
    private readonly sbyte[] _weights;

    public ReferenceLinear(LinearLayer layer, int[] input)
        : base(layer.OutFeatures)
    {
        CheckLength(input, layer.InFeatures, layer.Id + " input");
        _layer = layer;
        _input = input;
        _weights = layer.Weights.Unpack(checked((int)layer.WeightCount));
    }

    public override void Run()
    {
        for (int o = 0; o < _layer.OutFeatures; o++)
        {
            int accumulator = 0;
            for (int i = 0; i < _layer.InFeatures; i++)
            {
                accumulator = checked(accumulator + _weights[o * _layer.InFeatures + i] * _input[i]);
            }

            Output[o] = _layer.Requantize is ThresholdRequantization thresholds
                ? Requantizer.ToLevel(accumulator, o, thresholds)
                : accumulator;
        }
    }
}
