using System.Text.Json.Nodes;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>Layer ids are unique and "input" is reserved.</summary>
public sealed class DuplicateLayerIdTests : ManifestFileTest
{
    [Fact]
    public void Duplicate_layer_id_is_refused_without_follow_up_errors()
    {
        // "flat" renamed to "conv": the linear layer's input "conv" is now ambiguous.
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root =>
            {
                root.Layer(1)["id"] = "conv";
                root.Layer(2)["inputs"] = new JsonArray("conv");
            });

        var exception = Assert.Throws<ManifestException>(() => ManifestReader.ReadFile(WriteFile(json)));

        ErrorAssert.First(exception, PathOf("model.lbq"), "$.layers[1].id", "expected a unique id, found \"conv\" which is already used by an earlier layer");
        Assert.Single(exception.Errors);
    }

    [Fact]
    public void Layer_id_input_is_reserved()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["id"] = "input");

        FileFails(json, "$.layers[0].id", "expected a unique id, found \"input\" which is already the model input's id");
    }
}
