namespace LowBit.Generators;

/// <summary>
/// What the cross-model checks need of a model: where it is and which class it makes. It does not
/// change when a model's content changes, so combining every model with the list of identities keeps
/// each model's output cached while another model is edited.
/// </summary>
/// <param name="IsValid">The model compiled.</param>
/// <param name="HasValidName">Its class and namespace are usable C# names, so a class can be emitted even when the model failed.</param>
internal sealed record ModelIdentity(string Path, string FullName, bool IsValid, bool HasValidName)
{
    /// <summary>Whether the model puts a class into the compilation: the compiled model, or a placeholder when it failed.</summary>
    public bool DeclaresClass => IsValid || HasValidName;

    public static ModelIdentity Of(ParsedModel model) => new(
        model.Path,
        model.FullName,
        model.Plan is not null,
        ModelNaming.IsValidIdentifier(model.ClassName) && ModelNaming.IsValidNamespace(model.Namespace) && !SharedSources.IsSharedHintName(model.FullName + ".g.cs"));
}
