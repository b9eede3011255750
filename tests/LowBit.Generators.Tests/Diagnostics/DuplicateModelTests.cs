using System.Linq;

namespace LowBit.Generators.Tests.Diagnostics;

/// <summary>LBQ0005: two models making the same class; the first by path generates, the other reports.</summary>
public sealed class DuplicateModelTests
{
    private const string FirstPath = ModelTexts.Directory + "a.lbq";
    private const string SecondPath = ModelTexts.Directory + "b.lbq";

    [Fact]
    public void Second_model_of_the_same_class_is_LBQ0005_and_the_first_generates()
    {
        // Listed in reverse order: the winner is decided by path, not by item order.
        var run = GeneratorHarness.RunOnce(
            ModelItem.LowBitModel(SecondPath, ModelTexts.TinyCnn, "Digits", "MyApp"),
            ModelItem.LowBitModel(FirstPath, ModelTexts.Example("worked_example.lbq"), "Digits", "MyApp"));

        DiagnosticAssert.IsError(run.SingleDiagnostic(), "LBQ0005", SecondPath, "'MyApp.Digits'", $"also generated from '{FirstPath}'");
        Assert.Contains("compiled from a.lbq", run.Sources["MyApp.Digits.g.cs"]);
        Assert.Single(run.ModelHintNames, h => h == "MyApp.Digits.g.cs");
        Assert.Empty(run.CompilationProblems);
    }

    [Fact]
    public void Class_names_differing_only_in_case_both_generate()
    {
        // Distinct C# classes, but hint names compare ignoring case: the second gets a numbered file name.
        var run = GeneratorHarness.RunOnce(
            ModelItem.LowBitModel(FirstPath, ModelTexts.Example("worked_example.lbq"), "Digits", "MyApp"),
            ModelItem.LowBitModel(SecondPath, ModelTexts.TinyCnn, "DIGITS", "MyApp"));

        run.AssertCleanCompilation();
        Assert.Contains("compiled from b.lbq", run.Sources["MyApp.DIGITS.g.cs"]);
        Assert.Contains("compiled from a.lbq", run.Sources["MyApp.Digits.2.g.cs"]);
        Assert.Contains("MyApp.Digits.2.001.hidden.g.cs", run.ModelHintNames);
    }

    [Fact]
    public void Same_class_name_in_different_namespaces_is_fine()
    {
        var run = GeneratorHarness.RunOnce(
            ModelItem.LowBitModel(FirstPath, ModelTexts.Example("worked_example.lbq"), "Digits", "First"),
            ModelItem.LowBitModel(SecondPath, ModelTexts.TinyCnn, "Digits", "Second"));

        run.AssertCleanCompilation();
        Assert.Equal(new[] { "First.Digits.g.cs", "Second.Digits.g.cs" }, run.ModelHintNames.Where(h => h.EndsWith(".Digits.g.cs")));
    }
}
