using System.Text.Json.Nodes;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>Every layer but the last feeds a later one; a model has at least one layer.</summary>
public sealed class UnusedOutputTests : ManifestFileTest
{
    [Fact]
    public void Layer_whose_output_is_never_used_is_refused()
    {
        // A max pool of "conv" inserted before "flat", read by nobody.
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root => root["layers"]!.AsArray().Insert(1, new JsonObject
            {
                ["id"] = "side",
                ["op"] = "maxPool2d",
                ["inputs"] = new JsonArray("conv"),
                ["outputShape"] = new JsonArray(4, 2, 2),
                ["kernel"] = new JsonArray(2, 2),
                ["stride"] = new JsonArray(2, 2),
                ["padding"] = new JsonArray(0, 0, 0, 0),
            }));

        FileFails(json, "$.layers[1].id", "expected every layer but the last to feed a later layer, found no layer reading \"side\"");
    }

    [Fact]
    public void No_layers_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["layers"] = new JsonArray());

        FileFails(json, "$.layers", "expected 1 to 10000 layers, found 0");
    }
}
