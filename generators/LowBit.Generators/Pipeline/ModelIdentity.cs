namespace LowBit.Generators;

/// <summary>
/// What the cross-model checks need of a model: where it is and which class it makes. It does not
/// change when a model's content changes, so combining every model with the list of identities keeps
/// each model's output cached while another model is edited.
/// </summary>
internal sealed record ModelIdentity(string Path, string FullName, bool IsValid)
{
    public static ModelIdentity Of(ParsedModel model) => new(model.Path, model.FullName, model.Plan is not null);
}
