using System;
using LowBit.Manifest;
using LowBit.Quantization.Simulation;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules;

/// <summary>
/// The model input's quantizer, exactly as the integer contract defines it (clamp, then round half to
/// even, unsigned levels 0 … 2^b − 1 with zero point 0): the first module of every exportable model, so
/// training sees the same input the deployed model will. No parameters; the gradient is not needed.
/// </summary>
public sealed class QInput : nn.Module<Tensor, Tensor>
{
    public QInput(int bits, float scale) : base(nameof(QInput))
    {
        if (bits < 1 || bits > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "QInput: bits must be 1 to 8");
        }

        if (!(scale > 0) || float.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "QInput: scale must be finite and > 0");
        }

        Bits = bits;
        Scale = scale;
    }

    public int Bits { get; }

    public float Scale { get; }

    public int MaxLevel => (1 << Bits) - 1;

    /// <summary>The manifest's input level format: unsigned, zero point 0.</summary>
    public LevelFormat Format => new(Bits, false, 0, Scale);

    public override Tensor forward(Tensor input)
    {
        using var _ = no_grad();
        return ContractInputQuantizer.Levels(input, Format) * Scale;
    }
}
