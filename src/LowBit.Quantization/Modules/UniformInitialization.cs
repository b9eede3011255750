using System;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules;

/// <summary>Weights and bias drawn from U(−1/√fanIn, 1/√fanIn), as torch.nn.Conv2d and Linear initialise.</summary>
internal static class UniformInitialization
{
    public static (Parameter Weight, Parameter? Bias) Create(long[] weightShape, int fanIn, bool bias)
    {
        var bound = 1.0 / Math.Sqrt(fanIn);
        var weight = new Parameter(empty(weightShape).uniform_(-bound, bound));
        return (weight, bias ? new Parameter(empty(weightShape[0]).uniform_(-bound, bound)) : null);
    }
}
