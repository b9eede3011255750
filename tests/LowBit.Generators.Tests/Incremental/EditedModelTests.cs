using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;

namespace LowBit.Generators.Tests.Incremental;

/// <summary>Saving one model file re-parses and re-emits that model only; a save that changes no content re-emits nothing.</summary>
public sealed class EditedModelTests
{
    [Fact]
    public void Edited_model_is_reparsed_and_the_other_model_is_not()
    {
        var (harness, tiny) = Start();
        var edited = ModelTexts.EditAndSeal(ModelTexts.TinyCnn, root => root["name"] = "tiny_cnn_edited");
        harness.ReplaceText(tiny.Text, new InMemoryAdditionalText(IncrementalModels.TinyPath, edited));

        var run = harness.Run();

        var parsed = TrackedSteps.Outputs(run.Result, TrackedSteps.Parsed);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(parsed, o => o.Model == IncrementalModels.TinyPath).Reason);
        Assert.True(TrackedSteps.IsReused(Assert.Single(parsed, o => o.Model == IncrementalModels.WorkedPath).Reason), TrackedSteps.Describe(parsed));
        Assert.Single(parsed, o => o.Reason == IncrementalStepRunReason.Modified);

        var outputs = TrackedSteps.SourceOutputs(run.Result);
        Assert.Contains(outputs, o => o.Model == IncrementalModels.TinyPath && o.Reason == IncrementalStepRunReason.Modified);
        Assert.True(outputs.Where(o => o.Model != IncrementalModels.TinyPath).All(o => TrackedSteps.IsReused(o.Reason)), TrackedSteps.Describe(outputs));
        Assert.Contains("tiny_cnn_edited", run.Sources["TestApp.TinyCnnW2a2.g.cs"]);
    }

    [Fact]
    public void Reindented_model_with_the_same_checksum_is_unchanged()
    {
        var (harness, tiny) = Start();
        var reindented = JsonNode.Parse(ModelTexts.TinyCnn)!.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        Assert.NotEqual(ModelTexts.TinyCnn, reindented);
        harness.ReplaceText(tiny.Text, new InMemoryAdditionalText(IncrementalModels.TinyPath, reindented));

        var run = harness.Run();

        Assert.Empty(run.Diagnostics);
        var parsed = TrackedSteps.Outputs(run.Result, TrackedSteps.Parsed);
        Assert.Equal(IncrementalStepRunReason.Unchanged, Assert.Single(parsed, o => o.Model == IncrementalModels.TinyPath).Reason);
        var outputs = TrackedSteps.SourceOutputs(run.Result);
        Assert.True(outputs.All(o => TrackedSteps.IsReused(o.Reason)), TrackedSteps.Describe(outputs));
    }

    private static (GeneratorHarness Harness, ModelItem Tiny) Start()
    {
        var tiny = IncrementalModels.Tiny();
        var harness = new GeneratorHarness(new[] { IncrementalModels.Worked(), tiny });
        harness.Run().AssertCleanCompilation();
        return (harness, tiny);
    }
}
