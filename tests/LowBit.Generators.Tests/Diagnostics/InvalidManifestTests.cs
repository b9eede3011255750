using System;
using System.Linq;

namespace LowBit.Generators.Tests.Diagnostics;

/// <summary>LBQ0001: an intact file (checksum re-sealed after the edit) that describes an invalid model.</summary>
public sealed class InvalidManifestTests
{
    private const string ModelPath = ModelTexts.Directory + "tiny_cnn_w2a2.lbq";

    [Fact]
    public void Wrong_inChannels_points_at_that_layers_inChannels()
    {
        var text = ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root => ModelTexts.Layer(root, 2)["inChannels"] = 5);

        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, text));

        var diagnostic = run.SingleDiagnostic();
        DiagnosticAssert.IsManifestError(diagnostic, "LBQ0001", ModelPath, "$.layers[2].inChannels", "expected 8 (the channels of \"maxpool2\"", ModelTexts.LineOf(text, "\"inChannels\": 5"));
        Assert.Equal(new[] { "TestApp.TinyCnnW2a2.g.cs" }, run.ModelHintNames);
    }

    [Fact]
    public void Unsorted_thresholds_point_at_that_layers_thresholds()
    {
        string edited = string.Empty;
        var text = ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root =>
        {
            var requantize = ModelTexts.Layer(root, 0)["requantize"]!;
            var thresholds = Ints(Convert.FromBase64String((string)requantize["thresholds"]!));
            thresholds[1] = thresholds[0] - 1;
            edited = Convert.ToBase64String(thresholds.SelectMany(BitConverter.GetBytes).ToArray());
            requantize["thresholds"] = edited;
        });

        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, text));

        DiagnosticAssert.IsManifestError(run.SingleDiagnostic(), "LBQ0001", ModelPath, "$.layers[0].requantize.thresholds", "expected each channel's thresholds in non-decreasing order", ModelTexts.LineOf(text, edited));
    }

    [Fact]
    public void Missing_member_points_at_the_object_that_lacks_it()
    {
        var text = ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root => ModelTexts.Layer(root, 2).Remove("groups"));

        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(ModelPath, text));

        int layerStart = ModelTexts.LineOf(text, "\"id\": \"conv3\"") - 1;
        DiagnosticAssert.IsManifestError(run.SingleDiagnostic(), "LBQ0001", ModelPath, "$.layers[2].groups", "expected member \"groups\"", layerStart);
        Assert.Equal("{", text.Split('\n')[layerStart].Trim());
    }

    private static int[] Ints(byte[] bytes) => Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToInt32(bytes, i * 4)).ToArray();
}
