using System.Text.Json.Nodes;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>Inputs must name the model input or an earlier layer.</summary>
public sealed class UnknownInputIdTests : ManifestFileTest
{
    [Fact]
    public void Unknown_input_id_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(1)["inputs"] = new JsonArray("cnov"));

        var exception = Assert.Throws<ManifestException>(() => ManifestReader.ReadFile(WriteFile(json)));

        ErrorAssert.First(exception, PathOf("model.lbq"), "$.layers[1].inputs[0]", "expected \"input\" or the id of an earlier layer, found \"cnov\"");
    }

    [Fact]
    public void Reference_to_a_later_layer_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(1)["inputs"] = new JsonArray("fc"));

        FileFails(json, "$.layers[1].inputs[0]", "expected \"input\" or the id of an earlier layer, found \"fc\"");
    }
}
