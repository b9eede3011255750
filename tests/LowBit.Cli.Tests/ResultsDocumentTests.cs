using System;
using LowBit.Cli.Study;

namespace LowBit.Cli.Tests;

/// <summary>docs/results.md keeps one section per network; a study replaces only its own.</summary>
public sealed class ResultsDocumentTests
{
    private const string Cnn = "<!-- study mnist-cnn -->\n## The small CNN\nold cnn\n<!-- /study mnist-cnn -->";
    private const string Resnet = "<!-- study resnet8 -->\n## ResNet-8\nold resnet\n<!-- /study resnet8 -->";

    [Fact]
    public void A_new_document_gets_the_header_and_the_section()
    {
        var text = ResultsDocument.Upsert(null, "resnet8", "## ResNet-8\ntable\n");

        Assert.Equal(ResultsDocument.Header + "\n<!-- study resnet8 -->\n## ResNet-8\ntable\n<!-- /study resnet8 -->\n", text);
    }

    [Fact]
    public void A_rerun_replaces_its_own_section_and_keeps_the_others_in_place()
    {
        var existing = $"{ResultsDocument.Header}\n{Cnn}\n\n{Resnet}\n";

        var text = ResultsDocument.Upsert(existing, "mnist-cnn", "## The small CNN\nnew cnn\n");

        Assert.Equal($"{ResultsDocument.Header}\n<!-- study mnist-cnn -->\n## The small CNN\nnew cnn\n<!-- /study mnist-cnn -->\n\n{Resnet}\n", text);
    }

    [Fact]
    public void A_new_network_is_appended()
    {
        var existing = $"{ResultsDocument.Header}\n{Cnn}\n";

        var text = ResultsDocument.Upsert(existing, "resnet8", "## ResNet-8\nold resnet\n");

        Assert.Equal($"{ResultsDocument.Header}\n{Cnn}\n\n{Resnet}\n", text);
    }

    [Theory]
    [InlineData("# someone's notes\n", "it has no study sections")]
    [InlineData("<!-- study resnet8 -->\n## ResNet-8\n", "its section \"<!-- study resnet8 -->\" has no end marker \"<!-- /study resnet8 -->\"")]
    public void A_document_it_cannot_place_the_section_in_is_refused(string existing, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ResultsDocument.Upsert(existing, "resnet8", "## ResNet-8\n"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
