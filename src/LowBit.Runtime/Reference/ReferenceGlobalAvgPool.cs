using LowBit.Manifest;

namespace LowBit.Runtime.Reference;

/// <summary>Per-channel sum over H×W divided by H·W, rounded half to even.</summary>
internal sealed class ReferenceGlobalAvgPool : ReferenceStep
{
    private readonly int[] _input;
    private readonly TensorShape _inputShape;

    public ReferenceGlobalAvgPool(GlobalAvgPoolLayer layer, int[] input, TensorShape inputShape)
        : base(layer.OutputShape.Length)
    {
        CheckLength(input, inputShape.Length, layer.Id + " input");
        _input = input;
        _inputShape = inputShape;
    }

    public override void Run()
    {
        int area = _inputShape.Height * _inputShape.Width;
        for (int c = 0; c < _inputShape.Channels; c++)
        {
            int sum = 0;
            for (int i = 0; i < area; i++)
            {
                sum = checked(sum + _input[c * area + i]);
            }

            Output[c] = Requantizer.DivideRoundHalfEven(sum, area);
        }
    }
}
