using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace LowBit.Generators.Tests.Diagnostics;

/// <summary>
/// Whatever is in a model file, the generator reports diagnostics in that file and never throws: an
/// exception would surface as the compiler's unhelpful CS8785 and drop every model's output.
/// </summary>
public sealed class NeverThrowsTests
{
    private const string ModelPath = ModelTexts.Directory + "junk.lbq";

    private static readonly IReadOnlyDictionary<string, Func<string>> Texts = new Dictionary<string, Func<string>>
    {
        ["empty"] = () => string.Empty,
        ["white space"] = () => " \r\n\t ",
        ["prose"] = () => "This is not a model.\n",
        ["open brace"] = () => "{",
        ["array"] = () => "[1, 2, 3]",
        ["null"] = () => "null",
        ["empty object"] = () => "{}",
        ["string"] = () => "\"lowbit-manifest\"",
        ["byte order mark"] = () => "\uFEFF{}",
        ["lone surrogate"] = () => "{\"format\": \"\uD800\"}",
        ["format only"] = () => "{\"format\": \"lowbit-manifest\", \"formatVersion\": 1}",
        ["version as string"] = () => "{\"format\": \"lowbit-manifest\", \"formatVersion\": \"1\"}",
        ["huge version"] = () => "{\"format\": \"lowbit-manifest\", \"formatVersion\": 1e400}",
        ["deep nesting"] = () => new string('[', 100_000) + new string(']', 100_000),
        ["deep nesting in layers"] = () => "{\"layers\": [" + new string('{', 5_000) + "\"a\":",
        ["huge nonsense"] = () => Nonsense(3_000_000, seed: 1),
        ["huge array"] = () => "{\"layers\": [" + string.Join(",", Enumerable.Range(0, 300_000)) + "]}",
        ["half a model"] = () => ModelTexts.TinyCnn.Substring(0, 4000),
        ["model without layers"] = () => ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root => root.Remove("layers")),
        ["model with empty layers"] = () => ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root => root["layers"] = new System.Text.Json.Nodes.JsonArray()),
        ["model with layers as object"] = () => ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root => root["layers"] = new System.Text.Json.Nodes.JsonObject()),
        ["flipped characters 1"] = () => Flip(ModelTexts.TinyCnn, seed: 1),
        ["flipped characters 2"] = () => Flip(ModelTexts.TinyCnn, seed: 2),
        ["flipped characters 3"] = () => Flip(ModelTexts.TinyCnn, seed: 3),
    };

    public static TheoryData<string> Cases => new(Texts.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Junk_gives_diagnostics_not_exceptions(string name)
    {
        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, Texts[name]()));

        Assert.Null(run.Result.Exception);
        Assert.DoesNotContain(run.DriverDiagnostics, d => d.Id == "CS8785");
        Assert.NotEmpty(run.Diagnostics);
        Assert.All(run.Diagnostics, d =>
        {
            Assert.Equal(DiagnosticSeverity.Error, d.Severity);
            Assert.Contains(d.Id, new[] { "LBQ0001", "LBQ0002", "LBQ0003" });
            Assert.Equal(ModelPath, d.Location.GetLineSpan().Path);
        });

        // The placeholder class keeps the build to the LBQ errors.
        Assert.Equal(new[] { "TestApp.Junk.g.cs" }, run.ModelHintNames);
        Assert.Empty(run.CompilationProblems);
    }

    private static string Nonsense(int length, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            text.Append((char)random.Next(32, 127));
        }

        return text.ToString();
    }

    /// <summary>The model with a few characters replaced by random printable ones.</summary>
    private static string Flip(string text, int seed)
    {
        var random = new Random(seed);
        var chars = text.ToCharArray();
        for (int i = 0; i < 5; i++)
        {
            chars[random.Next(chars.Length)] = (char)random.Next(32, 127);
        }

        return new string(chars);
    }
}
