using System.Collections.Generic;

namespace LowBit.Generators.Tests.Diagnostics;

/// <summary>Only &lt;LowBitModel&gt; items are models: other additional files, even .lbq ones, are ignored.</summary>
public sealed class OtherAdditionalFilesTests
{
    [Fact]
    public void Additional_files_of_other_item_types_are_ignored()
    {
        var run = GeneratorHarness.RunOnce(
            ModelItem.Other(ModelTexts.Directory + "tiny.lbq", ModelTexts.TinyCnn, itemType: "AdditionalFiles", className: "Tiny"),
            ModelItem.Other(ModelTexts.Directory + "junk.lbq", "not a model", itemType: "None"),
            new ModelItem(new InMemoryAdditionalText(ModelTexts.Directory + "bare.lbq", ModelTexts.TinyCnn), new Dictionary<string, string>()),
            new ModelItem(new InMemoryAdditionalText(ModelTexts.Directory + "unreadable.lbq", null), new Dictionary<string, string>()));

        Assert.Empty(run.ModelHintNames);
        Assert.DoesNotContain(GeneratorRun.RegistryHintName, run.Sources.Keys);

        // The shared kernels are emitted regardless and must compile on their own.
        run.AssertCleanCompilation();
    }
}
