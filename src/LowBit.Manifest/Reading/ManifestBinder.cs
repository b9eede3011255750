using System.Collections.Generic;

namespace LowBit.Manifest;

/// <summary>
/// Turns the JSON tree into a <see cref="ModelManifest"/>: member presence, JSON types, enum spellings
/// and base64 syntax. Value ranges and cross-layer consistency are <see cref="ManifestValidator"/>'s job,
/// so that models built in code are checked by exactly the same rules.
/// </summary>
internal static class ManifestBinder
{
    public static ModelManifest Bind(JsonObjectReader root)
    {
        var formatVersion = root.RequireInt(JsonNames.FormatVersion);
        root.RequireString(JsonNames.Format);
        var checksum = root.RequireString(JsonNames.Checksum);

        var producerReader = root.RequireObject(JsonNames.Producer);
        var producer = new Producer(
            producerReader.RequireString(JsonNames.ProducerName),
            producerReader.RequireString(JsonNames.ProducerVersion));
        producerReader.RejectUnknownMembers();

        var name = root.RequireString(JsonNames.Name);

        var inputReader = root.RequireObject(JsonNames.Input);
        var input = new InputSpec(ReadShape(inputReader, JsonNames.Shape), ReadLevelFormat(inputReader));
        inputReader.RejectUnknownMembers();

        var layers = new List<Layer>();
        int index = 0;
        var layersPath = root.MemberPath(JsonNames.Layers);
        foreach (var element in root.RequireArray(JsonNames.Layers))
        {
            layers.Add(LayerBinder.Bind(new JsonObjectReader(element, $"{layersPath}[{index}]", root.FilePath)));
            index++;
        }

        root.RejectUnknownMembers();
        return new ModelManifest(name, producer, input, layers, formatVersion) { Checksum = checksum };
    }

    public static TensorShape ReadShape(JsonObjectReader reader, string name)
    {
        var dims = reader.RequireIntArray(name);
        if (dims.Length != 1 && dims.Length != 3)
        {
            throw reader.Error(reader.MemberPath(name), $"expected [features] or [channels, height, width], found an array of {dims.Length} integers");
        }

        return new TensorShape(dims);
    }

    public static LevelFormat ReadLevelFormat(JsonObjectReader reader) => new(
        reader.RequireInt(JsonNames.Bits),
        reader.RequireBool(JsonNames.Signed),
        reader.RequireInt(JsonNames.ZeroPoint),
        reader.RequireFloat(JsonNames.Scale));
}
