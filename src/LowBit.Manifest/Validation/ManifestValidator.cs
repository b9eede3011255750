using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LowBit.Manifest;

/// <summary>
/// Checks that a manifest describes a model the integer contract can run: value ranges, shapes that
/// chain, payload lengths, sorted thresholds, accumulators that fit int32, and a graph whose only
/// float output is its last layer. Used on read and before write.
/// </summary>
public static class ManifestValidator
{
    public const int MaxLayers = 10_000;

    /// <summary>Largest tensor (elements per sample) a manifest may describe: 64 Mi.</summary>
    public const long MaxTensorElements = 1L << 26;

    private static readonly Regex IdentifierPattern = new("^[A-Za-z0-9_.\\-/]{1,100}$", RegexOptions.CultureInvariant);

    public static IReadOnlyList<ManifestError> Validate(ModelManifest manifest, string filePath)
    {
        var context = new ValidationContext(filePath);
        context.Check(
            manifest.FormatVersion == ManifestFormat.CurrentVersion,
            "$.formatVersion",
            $"expected {ManifestFormat.CurrentVersion}, found {manifest.FormatVersion}");
        CheckIdentifier(context, manifest.Name, "$.name", "a model name");
        context.Check(!string.IsNullOrWhiteSpace(manifest.Producer.Name), "$.producer.name", "expected the name of the exporting tool, found an empty string");
        context.Check(!string.IsNullOrWhiteSpace(manifest.Producer.Version), "$.producer.version", "expected the version of the exporting tool, found an empty string");

        var tensors = new Dictionary<string, TensorInfo>(System.StringComparer.Ordinal);
        var broken = new HashSet<string>(System.StringComparer.Ordinal);
        if (CheckInput(context, manifest.Input))
        {
            tensors[ManifestFormat.InputId] = new TensorInfo(manifest.Input.Shape, manifest.Input.Levels, "$.input");
        }
        else
        {
            broken.Add(ManifestFormat.InputId);
        }

        CheckLayers(context, manifest.Layers, tensors, broken);
        return context.Errors;
    }

    internal static bool CheckIdentifier(ValidationContext context, string value, string path, string what) =>
        context.Check(
            IdentifierPattern.IsMatch(value),
            path,
            $"expected {what} of 1 to 100 characters from A–Z, a–z, 0–9, '_', '.', '-', '/', found \"{value}\"");

    private static bool CheckInput(ValidationContext context, InputSpec input)
    {
        bool valid = ShapeRules.CheckDims(context, input.Shape, "$.input.shape");
        valid &= LevelRules.CheckLevelFormat(context, input.Levels, "$.input", inputQuantizer: true);
        return valid;
    }

    /// <param name="broken">
    /// Ids whose tensor is unknown because of an error already reported (or that are ambiguous because
    /// two layers claim them). Layers reading them are skipped silently, so one mistake is reported once
    /// rather than as a cascade of "unknown input" errors downstream.
    /// </param>
    private static void CheckLayers(ValidationContext context, IReadOnlyList<Layer> layers, Dictionary<string, TensorInfo> tensors, HashSet<string> broken)
    {
        if (!context.Check(layers.Count >= 1 && layers.Count <= MaxLayers, "$.layers", $"expected 1 to {MaxLayers} layers, found {layers.Count}"))
        {
            return;
        }

        var consumed = new HashSet<string>(System.StringComparer.Ordinal);
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            var path = $"$.layers[{i}]";
            bool isLast = i == layers.Count - 1;
            foreach (var id in layer.Inputs)
            {
                consumed.Add(id);
            }

            if (!CheckIdentifier(context, layer.Id, path + ".id", "a layer id"))
            {
                broken.Add(layer.Id);
                continue;
            }

            if (layer.Id == ManifestFormat.InputId || tensors.ContainsKey(layer.Id) || broken.Contains(layer.Id))
            {
                context.Add(path + ".id", $"expected a unique id, found \"{layer.Id}\" which is already {(layer.Id == ManifestFormat.InputId ? "the model input's id" : "used by an earlier layer")}");
                tensors.Remove(layer.Id);
                broken.Add(layer.Id);
                continue;
            }

            var inputs = LayerRules.ResolveInputs(context, layer, path, tensors, broken);
            var output = inputs is null ? null : LayerRules.Check(context, layer, path, inputs, isLast);
            if (output is not null)
            {
                tensors[layer.Id] = output;
            }
            else
            {
                broken.Add(layer.Id);
            }
        }

        for (int i = 0; i < layers.Count - 1; i++)
        {
            context.Check(
                consumed.Contains(layers[i].Id),
                $"$.layers[{i}].id",
                $"expected every layer but the last to feed a later layer, found no layer reading \"{layers[i].Id}\" (its output is never used)");
        }
    }
}
