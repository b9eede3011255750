namespace LowBit.Generators.Tests.Diagnostics;

/// <summary>LBQ0003: a well-formed file asking for something this version cannot compile.</summary>
public sealed class UnsupportedModelTests
{
    private const string ModelPath = ModelTexts.Directory + "tiny_cnn_w2a2.lbq";

    [Fact]
    public void Unknown_op_points_at_the_op()
    {
        var text = ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root => ModelTexts.Layer(root, 1)["op"] = "maxPool3d");

        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, text));

        DiagnosticAssert.IsManifestError(run.SingleDiagnostic(), "LBQ0003", ModelPath, "$.layers[1].op", "expected one of", ModelTexts.LineOf(text, "\"op\": \"maxPool3d\""));
        Assert.Contains("found unknown op \"maxPool3d\"", run.SingleDiagnostic().GetMessage());
    }

    [Fact]
    public void Nine_bit_weights_point_at_the_bits()
    {
        var text = ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root => ModelTexts.Layer(root, 4)["weights"]!["bits"] = 9);

        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, text));

        DiagnosticAssert.IsManifestError(run.SingleDiagnostic(), "LBQ0003", ModelPath, "$.layers[4].weights.bits", "expected weight bits from 2 to 8", ModelTexts.LineOf(text, "\"bits\": 9"));
    }

    [Fact]
    public void Newer_format_version_points_at_the_version()
    {
        var text = ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root => root["formatVersion"] = 2);

        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, text));

        DiagnosticAssert.IsManifestError(run.SingleDiagnostic(), "LBQ0003", ModelPath, "$.formatVersion", "expected format version 1, found 2", ModelTexts.LineOf(text, "\"formatVersion\": 2"));
        Assert.Contains("update LowBit", run.SingleDiagnostic().GetMessage());
    }
}
