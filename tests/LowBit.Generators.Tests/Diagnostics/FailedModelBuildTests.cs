using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace LowBit.Generators.Tests.Diagnostics;

/// <summary>
/// A model that fails keeps its class (members that throw), so a build of code using it reports exactly the
/// model's LBQ errors, each at the line and column of the problem, and nothing that follows from them.
/// </summary>
public sealed class FailedModelBuildTests
{
    private const string ModelPath = ModelTexts.Directory + "tiny_cnn_w2a2.lbq";

    // Every public member a compiled model offers, used the way an app would.
    private const string UserCode = """
        namespace TestApp;

        public static class DigitReader
        {
            public static int Read(float[] image)
            {
                var model = new TinyCnnW2a2();
                var scores = new float[TinyCnnW2a2.OutputLength];
                model.Predict(image, scores);
                model.Predict(image, scores, 1);
                global::LowBit.Generated.ILowBitModel any = model;
                _ = global::LowBit.Generated.LowBitModels.CreateAll();
                return model.Classify(image) + any.InputLength + TinyCnnW2a2.InputLength + TinyCnnW2a2.ModelName.Length;
            }
        }

        public sealed partial class TinyCnnW2a2
        {
            public string Describe() => ModelName;
        }
        """;

    [Fact]
    public void Intact_model_and_the_user_code_build_without_any_diagnostic()
    {
        Assert.Empty(Build(ModelTexts.TinyCnn));
    }

    [Fact]
    public void One_byte_edit_is_only_LBQ0002_at_the_stated_checksum()
    {
        var text = ModelTexts.TinyCnn.Replace("\"name\": \"tiny_cnn_w2a2\"", "\"name\": \"tiny_cnn_w2a3\"");

        Assert.Equal(new[] { At("LBQ0002", text, "\"checksum\": ", "\"sha256:") }, Build(text));
    }

    [Fact]
    public void JSON_syntax_error_is_only_LBQ0001_at_the_offending_token()
    {
        // The non-ASCII name checks that the column counts characters, not UTF-8 bytes.
        var text = ModelTexts.TinyCnn.Replace("\"name\": \"tiny_cnn_w2a2\"", "\"name\": \"tïny_cnn_w2a2\" \"stray\"");

        Assert.Equal(new[] { At("LBQ0001", text, "\"stray\"", "\"stray\"") }, Build(text));
    }

    [Fact]
    public void Truncated_file_is_only_LBQ0002_where_the_text_ends()
    {
        var text = ModelTexts.TinyCnn.Substring(0, ModelTexts.TinyCnn.Length / 2);
        var lines = text.TrimEnd().Split('\n');

        Assert.Equal(new[] { $"LBQ0002 tiny_cnn_w2a2.lbq({lines.Length},{lines[^1].Length + 1})" }, Build(text));
    }

    [Fact]
    public void Invalid_model_is_only_LBQ0001_at_the_wrong_value()
    {
        var text = ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root => ModelTexts.Layer(root, 2)["inChannels"] = 5);

        Assert.Equal(new[] { At("LBQ0001", text, "\"inChannels\": 5", "5") }, Build(text));
    }

    [Fact]
    public void Unsupported_model_is_only_LBQ0003_at_the_op()
    {
        var text = ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root => ModelTexts.Layer(root, 1)["op"] = "maxPool3d");

        Assert.Equal(new[] { At("LBQ0003", text, "\"op\": \"maxPool3d\"", "\"maxPool3d\"") }, Build(text));
    }

    [Fact]
    public void Unreadable_file_is_only_LBQ0006_at_its_start()
    {
        Assert.Equal(new[] { "LBQ0006 tiny_cnn_w2a2.lbq(1,1)" }, Build(text: null));
    }

    [Fact]
    public void Placeholder_members_throw_naming_the_error()
    {
        var text = ModelTexts.TinyCnn.Substring(0, 200);
        var run = new GeneratorHarness(new[] { ModelItem.LowBitModel(ModelPath, text) }).Run();

        var placeholder = run.Sources["TestApp.TinyCnnW2a2.g.cs"];

        Assert.Contains("The LowBit model tiny_cnn_w2a2.lbq did not compile (LBQ0002 at line", placeholder);
        Assert.Contains("public TinyCnnW2a2() => throw new InvalidOperationException(CompileFailure);", placeholder);
        Assert.Contains("public void Predict(ReadOnlySpan<float> input, Span<float> output) => throw new InvalidOperationException(CompileFailure);", placeholder);
    }

    [Fact]
    public void Two_failed_models_of_one_class_give_one_placeholder_and_only_their_errors()
    {
        var run = new GeneratorHarness(new[]
        {
            ModelItem.LowBitModel(ModelTexts.Directory + "b/digits.lbq", text: null, className: "Digits"),
            ModelItem.LowBitModel(ModelTexts.Directory + "a/digits.lbq", "{", className: "Digits"),
        }).Run();

        Assert.Null(run.Result.Exception);
        Assert.Equal(new[] { "TestApp.Digits.g.cs" }, run.ModelHintNames);
        Assert.Contains("(LBQ0002 at line 1)", run.Sources["TestApp.Digits.g.cs"].Split('\n')[1]);
        Assert.Equal(new[] { "LBQ0002", "LBQ0006" }, run.Diagnostics.Select(d => d.Id).OrderBy(id => id));
        Assert.Empty(run.CompilationProblems);
    }

    /// <summary>Every warning and error of a build of <see cref="UserCode"/> with the model: "id file(line,column)".</summary>
    private static IReadOnlyList<string> Build(string? text)
    {
        var harness = new GeneratorHarness(new[] { ModelItem.LowBitModel(ModelPath, text) }, new[] { UserCode });
        var run = harness.Run();
        return run.DriverDiagnostics.Concat(run.OutputCompilation.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(Describe)
            .ToList();
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"{diagnostic.Id} {System.IO.Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
    }

    /// <summary>The expected entry for a problem on the only line containing <paramref name="lineNeedle"/>, at <paramref name="valueNeedle"/> in it.</summary>
    private static string At(string id, string text, string lineNeedle, string valueNeedle)
    {
        int line = ModelTexts.LineOf(text, lineNeedle);
        int column = text.Split('\n')[line].IndexOf(valueNeedle, System.StringComparison.Ordinal);
        Assert.True(column >= 0, $"'{valueNeedle}' is not on the line of '{lineNeedle}'.");
        return $"{id} tiny_cnn_w2a2.lbq({line + 1},{column + 1})";
    }
}
