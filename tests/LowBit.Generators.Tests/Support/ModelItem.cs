using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace LowBit.Generators.Tests;

/// <summary>
/// An additional file with its item metadata, as LowBit.Generators.targets passes it: a
/// &lt;LowBitModel&gt; becomes an AdditionalFile with SourceItemType=LowBitModel. Like MSBuild, visible
/// metadata the item does not set arrives as an empty value.
/// </summary>
internal sealed record ModelItem(AdditionalText Text, IReadOnlyDictionary<string, string> Metadata)
{
    public const string ItemTypeKey = "build_metadata.AdditionalFiles.SourceItemType";
    public const string ClassNameKey = "build_metadata.AdditionalFiles.ClassName";
    public const string NamespaceKey = "build_metadata.AdditionalFiles.Namespace";

    /// <summary>A &lt;LowBitModel Include="path" ClassName="…" Namespace="…" /&gt;; a null text is an unreadable file.</summary>
    public static ModelItem LowBitModel(string path, string? text, string? className = null, string? @namespace = null) =>
        new(new InMemoryAdditionalText(path, text), ItemMetadata("LowBitModel", className, @namespace));

    /// <summary>An additional file of another item type (or none), which the generator must ignore.</summary>
    public static ModelItem Other(string path, string text, string itemType = "AdditionalFiles", string? className = null) =>
        new(new InMemoryAdditionalText(path, text), ItemMetadata(itemType, className, null));

    private static Dictionary<string, string> ItemMetadata(string itemType, string? className, string? @namespace) => new()
    {
        [ItemTypeKey] = itemType,
        [ClassNameKey] = className ?? string.Empty,
        [NamespaceKey] = @namespace ?? string.Empty,
    };
}
