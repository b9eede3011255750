namespace LowBit.Generators.Tests.Diagnostics;

/// <summary>LBQ0006: the compiler could not read the model file.</summary>
public sealed class UnreadableModelTests
{
    [Fact]
    public void Unreadable_file_is_LBQ0006_in_that_file()
    {
        const string path = ModelTexts.Directory + "locked.lbq";

        var run = GeneratorHarness.RunOnce(ModelItem.LowBitModel(path, text: null));

        var diagnostic = run.SingleDiagnostic();
        DiagnosticAssert.IsError(diagnostic, "LBQ0006", path, "expected a readable model file", "cannot be opened");
        Assert.Equal(0, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(new[] { "TestApp.Locked.g.cs" }, run.ModelHintNames);
    }
}
