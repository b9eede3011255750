using System.Linq;

namespace LowBit.Generators.Tests.Incremental;

/// <summary>A build with nothing changed recomputes nothing: every step and every source output is reused.</summary>
public sealed class IdenticalRerunTests
{
    [Fact]
    public void Second_run_with_identical_inputs_reuses_every_step_and_output()
    {
        var harness = new GeneratorHarness(IncrementalModels.Both());
        var first = harness.Run();

        var second = harness.Run();

        foreach (var step in TrackedSteps.PipelineSteps)
        {
            var outputs = TrackedSteps.Outputs(second.Result, step);
            Assert.Equal(2, outputs.Count);
            Assert.True(outputs.All(o => TrackedSteps.IsReused(o.Reason)), $"{step}: {TrackedSteps.Describe(outputs)}");
        }

        var sourceOutputs = TrackedSteps.SourceOutputs(second.Result);
        Assert.NotEmpty(sourceOutputs);
        Assert.True(sourceOutputs.All(o => TrackedSteps.IsReused(o.Reason)), TrackedSteps.Describe(sourceOutputs));
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void Editing_user_code_reparses_no_model_and_regenerates_no_model_file()
    {
        var harness = new GeneratorHarness(IncrementalModels.Both());
        harness.Run();
        harness.Compilation = harness.Compilation.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class Typing { }", GeneratorHarness.ParseOptions));

        var run = harness.Run();

        foreach (var step in TrackedSteps.PipelineSteps)
        {
            var outputs = TrackedSteps.Outputs(run.Result, step);
            Assert.True(outputs.All(o => TrackedSteps.IsReused(o.Reason)), $"{step}: {TrackedSteps.Describe(outputs)}");
        }

        // Only the class-name check, which reads the compilation, may run again.
        var modelOutputs = TrackedSteps.SourceOutputs(run.Result).Where(o => o.Model is not null).ToList();
        Assert.Equal(2, modelOutputs.Count);
        Assert.True(modelOutputs.All(o => TrackedSteps.IsReused(o.Reason)), TrackedSteps.Describe(modelOutputs));
    }
}
