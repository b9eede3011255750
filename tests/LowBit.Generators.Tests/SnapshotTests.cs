extern alias generator;

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using generator::LowBit.Generators;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Generators.Tests;

/// <summary>
/// The generated code of a few small models, file by file, against committed snapshots (a reviewer
/// sees every change to emitted code in the diff). The generator version is scrubbed, so a release
/// does not touch them. Shared kernel files are not snapshotted; the registry is, for one case.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly IReadOnlyDictionary<string, Func<string>> Cases = new Dictionary<string, Func<string>>
    {
        ["worked_example"] = () => ModelTexts.Example("worked_example.lbq"),
        ["tiny_cnn_w2a2"] = () => ModelTexts.Example("tiny_cnn_w2a2.lbq"),
        ["residual_signed"] = () => ModelTexts.Json(ResidualSigned()),
        ["grouped_depthwise"] = () => ModelTexts.Json(GroupedDepthwise()),
        ["w8a8"] = () => ModelTexts.Json(W8A8()),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Generated_code_matches_the_snapshot(string caseName)
    {
        var model = ModelItem.LowBitModel(ModelTexts.Directory + caseName + ".lbq", Cases[caseName]());
        var run = new GeneratorHarness(new[] { model }, optimize: true).Run();
        run.AssertCleanCompilation();

        var names = run.ModelHintNames.ToList();
        Assert.True(names.Count >= 2, "Expected a main file and layer files, found: " + string.Join(", ", run.Sources.Keys));
        if (caseName == "worked_example")
        {
            names.Add(GeneratorRun.RegistryHintName);
        }

        var directory = Path.Combine(SnapshotAssert.Directory, caseName);
        if (SnapshotAssert.Accepting && Directory.Exists(directory))
        {
            Array.ForEach(Directory.GetFiles(directory, "*.verified.cs"), File.Delete);
        }

        foreach (var name in names)
        {
            SnapshotAssert.Matches(caseName, name, Scrub(run.Sources[name]));
        }

        // No stale snapshot of a file the generator no longer emits.
        var committed = Directory.GetFiles(directory, "*.verified.cs").Select(Path.GetFileName);
        Assert.Equal(names.Select(n => Path.GetFileNameWithoutExtension(n) + ".verified.cs").OrderBy(n => n, StringComparer.Ordinal), committed.OrderBy(n => n, StringComparer.Ordinal));
    }

    /// <summary>Signed activations, a 1×1 conv read in place, and a residual add with a negative multiplier and negated channels.</summary>
    private static ModelManifest ResidualSigned() =>
        new ModelBuilder(seed: 301, "residual_signed")
            .Input(4, 6, 6, bits: 4, signed: true)
            .Conv2d(8, 1, weights: WeightSpec.Signed(3), activationBits: 2, signedActivations: true)
            .Residual(
                b => b.Conv2d(8, 3, padding: 1, weights: WeightSpec.Ternary, activationBits: 2, signedActivations: true, negatedFraction: 0.5),
                activationBits: 4,
                signedActivations: true,
                multipliers: (2, -1),
                negatedFraction: 0.5)
            .GlobalAvgPool()
            .Flatten()
            .Linear(3, WeightSpec.Signed(4))
            .Build();

    /// <summary>A grouped conv and a depthwise conv with stride 2 and padding, padded average pooling, global average pooling.</summary>
    private static ModelManifest GroupedDepthwise() =>
        new ModelBuilder(seed: 401, "grouped_depthwise")
            .Input(4, 9, 9, bits: 2)
            .Conv2d(8, 3, stride: 2, padding: 1, groups: 2, weights: WeightSpec.Binary, activationBits: 2)
            .DepthwiseConv2d(3, stride: 2, padding: 1, weights: WeightSpec.Signed(2), activationBits: 4)
            .AvgPool2d(3, stride: 1, padding: 1)
            .GlobalAvgPool()
            .Flatten()
            .Linear(4, WeightSpec.Ternary)
            .Build();

    /// <summary>8-bit weights and activations: products too large for int16 accumulation.</summary>
    private static ModelManifest W8A8() =>
        new ModelBuilder(seed: 501, "w8a8")
            .Input(3, 6, 6, bits: 8)
            .Conv2d(8, 3, padding: 1, weights: WeightSpec.Signed(8), activationBits: 8)
            .MaxPool2d(2)
            .Conv2d(8, 3, weights: WeightSpec.Signed(8), activationBits: 8)
            .Flatten()
            .Linear(5, WeightSpec.Signed(8))
            .Build();

    private static string Scrub(string text) => text
        .Replace($"{GeneratorInfo.Name} {GeneratorInfo.Version}", $"{GeneratorInfo.Name} {{version}}")
        .Replace($"\"{GeneratorInfo.Name}\", \"{GeneratorInfo.Version}\"", $"\"{GeneratorInfo.Name}\", \"{{version}}\"");
}
