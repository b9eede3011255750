using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>A quantized model: everything an integer runtime needs and nothing it must guess.</summary>
public sealed class ModelManifest
{
    public ModelManifest(string name, Producer producer, InputSpec input, IReadOnlyList<Layer> layers, int formatVersion = ManifestFormat.CurrentVersion)
    {
        Name = name;
        Producer = producer;
        Input = input;
        Layers = layers;
        FormatVersion = formatVersion;
    }

    public int FormatVersion { get; }

    public string Name { get; }

    public Producer Producer { get; }

    public InputSpec Input { get; }

    /// <summary>Layers in execution order; the last one produces the float output.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    public Layer OutputLayer => Layers[Layers.Count - 1];

    /// <summary>
    /// The verified checksum of the file this manifest was read from (<c>sha256:…</c>), or null for a
    /// model built in code. Identifies the exact model, e.g. in generated code's provenance header.
    /// </summary>
    public string? Checksum { get; init; }
}
