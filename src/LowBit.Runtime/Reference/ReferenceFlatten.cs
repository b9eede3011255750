using System;
using LowBit.Manifest;

namespace LowBit.Runtime.Reference;

/// <summary>A copy: [C, H, W] is already stored channel-major, which is the flattened order.</summary>
internal sealed class ReferenceFlatten : ReferenceStep
{
    private readonly int[] _input;

    public ReferenceFlatten(FlattenLayer layer, int[] input)
        : base(layer.OutputShape.Length)
    {
        CheckLength(input, layer.OutputShape.Length, layer.Id + " input");
        _input = input;
    }

    public override void Run() => Array.Copy(_input, Output, _input.Length);
}
