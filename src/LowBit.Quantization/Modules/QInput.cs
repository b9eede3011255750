using System;
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

    /// <summary>Levels as float32 whole numbers: <c>round_half_even(clamp(x / scale, 0, max))</c>, NaN → 0.
    /// The divisor is a full tensor on purpose: ATen turns division by a scalar into multiplication by
    /// its reciprocal, which rounds differently from the contract's one IEEE division.</summary>
    public Tensor Levels(Tensor input)
    {
        var x = input.to_type(ScalarType.Float32);
        var v = x / full_like(x, Scale);
        return v.nan_to_num(0, MaxLevel, 0).clamp(0, MaxLevel).round();
    }

    public override Tensor forward(Tensor input)
    {
        using var _ = no_grad();
        return Levels(input) * Scale;
    }
}
