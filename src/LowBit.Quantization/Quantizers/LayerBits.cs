using System;
using System.Collections.Generic;

namespace LowBit.Quantization.Quantizers;

/// <summary>Weight and activation bitwidths of one layer.</summary>
public sealed record LayerBits(int Weights, int Activations)
{
    public override string ToString() => $"W{Weights}A{Activations}";

    public static LayerBits Parse(string text)
    {
        var upper = text.Trim().ToUpperInvariant();
        var a = upper.IndexOf('A');
        if (upper.StartsWith('W') && a > 1
            && int.TryParse(upper.AsSpan(1, a - 1), out var w) && int.TryParse(upper.AsSpan(a + 1), out var act)
            && w is >= 1 and <= 8 && act is >= 1 and <= 8)
        {
            return new LayerBits(w, act);
        }

        throw new FormatException($"\"{text}\" is not a bitwidth: expected W<bits>A<bits> with 1–8 bits each, e.g. W2A2");
    }
}

/// <summary>Bitwidths per layer name, with a default for layers not named: mixed precision is a plan
/// like <c>{ default: W2A2, conv1: W8A8 }</c>.</summary>
public sealed class BitwidthPlan
{
    private readonly Dictionary<string, LayerBits> _overrides;

    public BitwidthPlan(LayerBits defaultBits, IReadOnlyDictionary<string, LayerBits>? overrides = null)
    {
        Default = defaultBits;
        _overrides = overrides is null ? new() : new(overrides);
    }

    public LayerBits Default { get; }

    public IReadOnlyDictionary<string, LayerBits> Overrides => _overrides;

    public LayerBits For(string layer) => _overrides.TryGetValue(layer, out var bits) ? bits : Default;

    public static BitwidthPlan Uniform(int weights, int activations) => new(new LayerBits(weights, activations));

    public override string ToString() => _overrides.Count == 0 ? Default.ToString() : $"{Default} with {string.Join(", ", _overrides)}";
}
