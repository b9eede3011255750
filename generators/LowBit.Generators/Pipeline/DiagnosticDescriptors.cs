using Microsoft.CodeAnalysis;

namespace LowBit.Generators;

/// <summary>
/// Every problem the generator reports, with a stable id users can search for and suppress. The
/// generator never throws: a bad model becomes one of these, located in the model file.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "LowBit";

    public static readonly DiagnosticDescriptor InvalidManifest = new(
        "LBQ0001",
        "Invalid LowBit model manifest",
        "{0}: {1}: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The model file is not a valid LowBit manifest; the message names the JSON path of the field and what was expected.");

    public static readonly DiagnosticDescriptor CorruptManifest = new(
        "LBQ0002",
        "Corrupt LowBit model manifest",
        "{0}: {1}: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The model file's checksum does not match its content, or the file is truncated: re-export it.");

    public static readonly DiagnosticDescriptor UnsupportedModel = new(
        "LBQ0003",
        "Unsupported op or bitwidth in LowBit model",
        "{0}: {1}: {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "The model asks for an op, encoding, bitwidth or format version this version of LowBit cannot compile.");

    public static readonly DiagnosticDescriptor ClassNameClash = new(
        "LBQ0004",
        "LowBit model class name is invalid or clashes",
        "{0}: the generated class '{1}' {2}; set the ClassName (and Namespace) metadata of the LowBitModel item",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateModel = new(
        "LBQ0005",
        "Two LowBit models generate the same class",
        "{0}: the generated class '{1}' is also generated from '{2}'; give one of the LowBitModel items another ClassName",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnreadableModel = new(
        "LBQ0006",
        "LowBit model file cannot be read",
        "{0}: expected a readable model file, found {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InternalError = new(
        "LBQ0007",
        "LowBit generator failed",
        "{0}: the LowBit generator failed while compiling this model: {1}. Please report this with the model file.",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "LBQ0001" => InvalidManifest,
        "LBQ0002" => CorruptManifest,
        "LBQ0003" => UnsupportedModel,
        "LBQ0004" => ClassNameClash,
        "LBQ0005" => DuplicateModel,
        "LBQ0006" => UnreadableModel,
        _ => InternalError,
    };
}
