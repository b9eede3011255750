using System;
using System.Collections.Generic;
using System.Linq;

namespace LowBit.Manifest;

/// <summary>Per-layer and total size and cost of a model; see <see cref="LayerSummary"/> for what is counted.</summary>
public sealed class ModelSummary
{
    private ModelSummary(ModelManifest manifest, IReadOnlyList<LayerSummary> layers)
    {
        Manifest = manifest;
        Layers = layers;
        Parameters = layers.Sum(l => l.Parameters);
        PackedWeightBytes = layers.Sum(l => l.PackedWeightBytes);
        RequantizationBytes = layers.Sum(l => l.RequantizationBytes);
        Macs = layers.Sum(l => l.Macs);
    }

    public ModelManifest Manifest { get; }

    public IReadOnlyList<LayerSummary> Layers { get; }

    /// <summary>Total number of weights.</summary>
    public long Parameters { get; }

    /// <summary>Total bytes of packed weights.</summary>
    public long PackedWeightBytes { get; }

    /// <summary>Total bytes of thresholds and output scale/bias.</summary>
    public long RequantizationBytes { get; }

    /// <summary>Total weight multiply-accumulates per sample.</summary>
    public long Macs { get; }

    /// <summary>What the weights would take as float32: <see cref="Parameters"/> × 4 bytes.</summary>
    public long Float32WeightBytes => Parameters * 4;

    /// <summary>How many times smaller the packed weights are than float32 weights (0 for a model without weights).</summary>
    public double CompressionRatio => PackedWeightBytes == 0 ? 0 : (double)Float32WeightBytes / PackedWeightBytes;

    /// <summary>Summarizes a manifest; meant for valid manifests (a layer whose input is unknown gets unknown output levels).</summary>
    public static ModelSummary Create(ModelManifest manifest)
    {
        if (manifest is null)
        {
            throw new ArgumentNullException(nameof(manifest));
        }

        var levels = new Dictionary<string, LevelFormat?>(StringComparer.Ordinal)
        {
            [ManifestFormat.InputId] = manifest.Input.Levels,
        };
        var layers = new List<LayerSummary>(manifest.Layers.Count);
        foreach (var layer in manifest.Layers)
        {
            LevelFormat? input = layer.Inputs.Count > 0 && levels.TryGetValue(layer.Inputs[0], out var found) ? found : null;
            var summary = LayerSummary.Create(layer, input);
            layers.Add(summary);
            levels[layer.Id] = summary.OutputLevels;
        }

        return new ModelSummary(manifest, layers);
    }
}
