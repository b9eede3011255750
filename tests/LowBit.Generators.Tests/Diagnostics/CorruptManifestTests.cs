namespace LowBit.Generators.Tests.Diagnostics;

/// <summary>LBQ0002: the bytes are damaged, reported as such before the content is interpreted.</summary>
public sealed class CorruptManifestTests
{
    private const string ModelPath = ModelTexts.Directory + "tiny_cnn_w2a2.lbq";

    [Fact]
    public void Edit_without_resealing_is_a_checksum_mismatch_on_the_checksum()
    {
        var text = ModelTexts.Edit(ModelTexts.TinyCnn, root => ModelTexts.Layer(root, 2)["inChannels"] = 5);

        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, text));

        DiagnosticAssert.IsManifestError(run.SingleDiagnostic(), "LBQ0002", ModelPath, "$.checksum", "expected the content to hash to", ModelTexts.LineOf(text, "\"checksum\""));
        Assert.Equal(new[] { "TestApp.TinyCnnW2a2.g.cs" }, run.ModelHintNames);
    }

    [Fact]
    public void Truncated_file_is_reported_as_truncated()
    {
        var text = ModelTexts.TinyCnn.Substring(0, ModelTexts.TinyCnn.Length / 2);

        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, text));

        var diagnostic = run.SingleDiagnostic();
        DiagnosticAssert.IsManifestError(diagnostic, "LBQ0002", ModelPath, "$", "expected the rest of the JSON document", line: text.TrimEnd().Split('\n').Length - 1);
        Assert.Contains("the file is truncated", diagnostic.GetMessage());
    }
}
