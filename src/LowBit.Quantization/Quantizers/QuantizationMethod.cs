using System;
using System.Collections.Generic;
using System.Linq;

namespace LowBit.Quantization.Quantizers;

/// <summary>A quantization-aware training method: how it quantizes weights and activations at a bitwidth.</summary>
public sealed class QuantizationMethod
{
    private QuantizationMethod(string name, string description, Func<int, WeightQuantizer> weights, Func<int, ActivationQuantizer> activations, string? alias = null)
    {
        Alias = alias;
        Name = name;
        Description = description;
        CreateWeightQuantizer = weights;
        CreateActivationQuantizer = activations;
    }

    public static QuantizationMethod Ste { get; } = new("ste", "straight-through estimator, DoReFa-style (Zhou et al. 2016)", b => new SteWeightQuantizer(b), b => new SteActivationQuantizer(b));

    public static QuantizationMethod Lsq { get; } = new("lsq", "learned step size (Esser et al., ICLR 2020)", b => new LsqWeightQuantizer(b), b => new LsqActivationQuantizer(b));

    public static QuantizationMethod Dsq { get; } = new("dsq", "differentiable soft quantization (Gong et al., ICCV 2019)", b => new DsqWeightQuantizer(b), b => new DsqActivationQuantizer(b));

    public static QuantizationMethod Qn { get; } = new("qn", "Quantization Networks, sigmoid-sum quantization with annealed temperature (Yang et al., CVPR 2019)", b => new QnWeightQuantizer(b), b => new QnActivationQuantizer(b));

    public static QuantizationMethod Stqn { get; } = new("stqn", "soft threshold: STTN ternary at 2 bits (Xu et al., IJCAI 2020), STQN at n bits (TCSVT 2022)", b => new SoftThresholdWeightQuantizer(b), b => new SoftThresholdActivationQuantizer(b), "sttn");

    public static QuantizationMethod Cpq { get; } = new("cpq", "categorical grid, multi-class STE, DropBits and learned weight bitwidths (Lee et al., ICCV 2021)", b => new CpqWeightQuantizer(b), b => new CpqActivationQuantizer(b));

    public static QuantizationMethod Ddq { get; } = new("ddq", "learned weight precision and step under a bit budget (Zhang et al., ICML 2021), learned-step activations", b => new DdqWeightQuantizer(b), b => new LsqActivationQuantizer(b));

    public static IReadOnlyList<QuantizationMethod> All { get; } = new[] { Ste, Lsq, Dsq, Qn, Stqn, Cpq, Ddq };

    /// <summary>Methods that learn their weight bitwidth (up to the planned one) and honour a
    /// <see cref="Training.BitBudget"/>.</summary>
    public bool LearnsBitwidth => this == Cpq || this == Ddq;

    /// <summary>Another accepted name ("sttn" for the soft-threshold method).</summary>
    public string? Alias { get; }

    public string Name { get; }

    public string Description { get; }

    public Func<int, WeightQuantizer> CreateWeightQuantizer { get; }

    public Func<int, ActivationQuantizer> CreateActivationQuantizer { get; }

    public static QuantizationMethod Parse(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(m.Alias, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown quantization method \"{name}\"; expected one of {string.Join(", ", All.Select(m => m.Name))}", nameof(name));

    public override string ToString() => Name;
}
