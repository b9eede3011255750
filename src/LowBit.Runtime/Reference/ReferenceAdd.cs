using LowBit.Manifest;

namespace LowBit.Runtime.Reference;

/// <summary>acc = m₀·a + m₁·b per element, requantized with the channel's thresholds.</summary>
internal sealed class ReferenceAdd : ReferenceStep
{
    private readonly AddLayer _layer;
    private readonly int[] _first;
    private readonly int[] _second;
    private readonly int _channelSize;

    public ReferenceAdd(AddLayer layer, int[] first, int[] second)
        : base(layer.OutputShape.Length)
    {
        CheckLength(first, layer.OutputShape.Length, layer.Id + " first input");
        CheckLength(second, layer.OutputShape.Length, layer.Id + " second input");
        _layer = layer;
        _first = first;
        _second = second;
        _channelSize = layer.OutputShape.Height * layer.OutputShape.Width;
    }

    public override void Run()
    {
        for (int i = 0; i < Output.Length; i++)
        {
            int accumulator = checked((_layer.FirstMultiplier * _first[i]) + (_layer.SecondMultiplier * _second[i]));
            Output[i] = Requantizer.ToLevel(accumulator, i / _channelSize, _layer.Requantize);
        }
    }
}
