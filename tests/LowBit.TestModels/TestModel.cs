using LowBit.Manifest;

namespace LowBit.TestModels;

/// <summary>A named catalog model. <see cref="ToString"/> is the name, so xunit shows readable theory rows.</summary>
public sealed record TestModel(string Name, ModelManifest Manifest)
{
    public override string ToString() => Name;
}
