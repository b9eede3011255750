using System.Text.Json.Nodes;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>Only the last layer, a conv2d or linear, produces float output.</summary>
public sealed class FloatOutputPlacementTests : ManifestFileTest
{
    [Fact]
    public void Float_output_before_the_last_layer_is_refused()
    {
        var json = JsonEdit.Edit(
            SampleModels.ConvFlattenLinear(),
            root => root.Layer(0)["requantize"] = new JsonObject
            {
                ["kind"] = "float",
                ["scale"] = System.Convert.ToBase64String(new byte[16]),
                ["bias"] = System.Convert.ToBase64String(new byte[16]),
            });

        FileFails(json, "$.layers[0].requantize.kind", "expected \"thresholds\" (only the last layer may produce float output), found \"float\"");
    }

    [Fact]
    public void Last_layer_without_float_output_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(2)["requantize"] = root.Layer(0)["requantize"]!.DeepClone());

        FileFails(json, "$.layers[2].requantize.kind", "expected \"float\" (the last layer produces the model's float output), found \"thresholds\"");
    }

    [Fact]
    public void Last_layer_that_cannot_produce_float_output_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["layers"]!.AsArray().RemoveAt(2));

        FileFails(json, "$.layers[1].op", "expected conv2d or linear: the last layer produces the model's float output; found flatten");
    }

    [Fact]
    public void Add_with_float_output_is_refused()
    {
        var json = JsonEdit.Edit(
            SampleModels.AllOps(),
            root => root.Layer(3)["requantize"] = new JsonObject
            {
                ["kind"] = "float",
                ["scale"] = System.Convert.ToBase64String(new byte[16]),
                ["bias"] = System.Convert.ToBase64String(new byte[16]),
            });

        FileFails(json, "$.layers[3].requantize.kind", "expected \"thresholds\" (an add produces integer levels), found \"float\"");
    }
}
