using LowBit.Manifest;
using static TorchSharp.torch;

namespace LowBit.Quantization.Simulation;

/// <summary>The integer contract's input quantizer on tensors, shared by training (<c>QInput</c>) and the
/// integer simulation so the two cannot drift apart.</summary>
internal static class ContractInputQuantizer
{
    /// <summary>Levels as float32 whole numbers: v = x / scale (one IEEE division: a full tensor divisor,
    /// since ATen replaces division by a scalar with multiplication by its reciprocal), clamp to
    /// [min − zp, max − zp] with NaN → lower, round half to even, + zp.</summary>
    public static Tensor Levels(Tensor input, LevelFormat levels)
    {
        var x = input.to_type(ScalarType.Float32);
        var low = levels.Min - levels.ZeroPoint;
        var high = levels.Max - levels.ZeroPoint;
        var v = (x / full_like(x, levels.Scale)).nan_to_num(low, high, low).clamp(low, high);
        return v.round() + levels.ZeroPoint;
    }
}
