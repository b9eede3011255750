using System.Linq;
using LowBit.TestModels;

namespace LowBit.Onnx.Tests;

/// <summary>Value names in an exported graph never collide, whatever the manifest calls its layers.</summary>
public sealed class OnnxGraphNamingTests
{
    [Fact]
    public void Reserved_names_and_taken_suffixes_are_skipped()
    {
        var graph = new OnnxGraph("g", "input", "output");

        Assert.Equal("output_1", graph.FreshName("output"));
        Assert.Equal("x", graph.FreshName("x"));
        Assert.Equal("x_1_2", graph.FreshName("x_1_2"));
        Assert.Equal("x_1", graph.FreshName("x"));
        Assert.Equal("x_2", graph.FreshName("x"));
        Assert.Equal("x_1_2_1", graph.FreshName("x_1_2"));
    }

    [Theory]
    [InlineData(OnnxFlavor.Exact)]
    [InlineData(OnnxFlavor.Float)]
    [InlineData(OnnxFlavor.Qdq)]
    public void Every_value_has_one_producer_and_the_graph_ends_in_output(OnnxFlavor flavor)
    {
        var graph = OnnxExporter.Export(ModelCatalog.AllOps.Manifest, flavor).Model.Graph;

        var produced = graph.Node.SelectMany(n => n.Output).Concat(graph.Initializer.Select(i => i.Name)).ToList();
        Assert.Equal(produced.Count, produced.Distinct().Count());
        Assert.Contains("output", graph.Node.SelectMany(n => n.Output));
        Assert.DoesNotContain("input", produced);
    }
}
