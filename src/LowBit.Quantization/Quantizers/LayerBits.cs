using System;
using System.Collections.Generic;
using System.Linq;

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

    /// <summary>"W2A2" (every layer) or "W2A2,conv1=W8A4,fc2=W4A2" (a default, then per-layer overrides).</summary>
    public static BitwidthPlan Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0].Contains('='))
        {
            throw new FormatException($"\"{text}\" is not a bitwidth plan: expected a default first, e.g. W2A2 or W2A2,conv1=W8A8");
        }

        var overrides = new Dictionary<string, LayerBits>(StringComparer.Ordinal);
        foreach (var part in parts[1..])
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw new FormatException($"\"{part}\" in \"{text}\" is not a layer override: expected <layer>=W<bits>A<bits>, e.g. conv1=W8A8");
            }

            var layer = part[..equals].Trim();
            if (!overrides.TryAdd(layer, LayerBits.Parse(part[(equals + 1)..])))
            {
                throw new FormatException($"layer \"{layer}\" appears twice in \"{text}\"");
            }
        }

        return new BitwidthPlan(LayerBits.Parse(parts[0]), overrides);
    }

    /// <summary>Throws when an override names a layer the model does not have (a typo would silently
    /// leave that layer at the default).</summary>
    public void CheckLayers(IReadOnlyCollection<string> layers)
    {
        foreach (var name in _overrides.Keys)
        {
            if (!layers.Contains(name))
            {
                throw new ArgumentException($"the bitwidth plan names layer \"{name}\", which the model does not have; its layers are {string.Join(", ", layers)}");
            }
        }
    }

    public override string ToString() => _overrides.Count == 0 ? Default.ToString() : $"{Default},{string.Join(",", _overrides.Select(o => $"{o.Key}={o.Value}"))}";
}
