using System;
using System.Collections.Generic;
using System.Linq;

namespace LowBit.Quantization.Quantizers;

/// <summary>A quantization-aware training method: how it quantizes weights and activations at a bitwidth.</summary>
public sealed class QuantizationMethod
{
    private QuantizationMethod(string name, string description, Func<int, WeightQuantizer> weights, Func<int, ActivationQuantizer> activations)
    {
        Name = name;
        Description = description;
        CreateWeightQuantizer = weights;
        CreateActivationQuantizer = activations;
    }

    public static QuantizationMethod Ste { get; } = new("ste", "straight-through estimator, DoReFa-style (Zhou et al. 2016)", b => new SteWeightQuantizer(b), b => new SteActivationQuantizer(b));

    public static QuantizationMethod Lsq { get; } = new("lsq", "learned step size (Esser et al., ICLR 2020)", b => new LsqWeightQuantizer(b), b => new LsqActivationQuantizer(b));

    public static QuantizationMethod Dsq { get; } = new("dsq", "differentiable soft quantization (Gong et al., ICCV 2019)", b => new DsqWeightQuantizer(b), b => new DsqActivationQuantizer(b));

    public static IReadOnlyList<QuantizationMethod> All { get; } = new[] { Ste, Lsq, Dsq };

    public string Name { get; }

    public string Description { get; }

    public Func<int, WeightQuantizer> CreateWeightQuantizer { get; }

    public Func<int, ActivationQuantizer> CreateActivationQuantizer { get; }

    public static QuantizationMethod Parse(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown quantization method \"{name}\"; expected one of {string.Join(", ", All.Select(m => m.Name))}", nameof(name));

    public override string ToString() => Name;
}
