using System.Text.Json.Nodes;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>Every layer's stated sizes must agree with the shape of what it reads.</summary>
public sealed class ShapeChainTests : ManifestFileTest
{
    [Fact]
    public void Conv_in_channels_that_differ_from_its_input_are_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["inChannels"] = 3);

        FileFails(json, "$.layers[0].inChannels", "expected 1 (the channels of \"input\", shape [1, 6, 6]), found 3");
    }

    [Fact]
    public void Linear_in_features_that_differ_from_its_input_are_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(2)["inFeatures"] = 65);

        FileFails(json, "$.layers[2].inFeatures", "expected 64 (the length of \"flat\"), found 65");
    }

    [Fact]
    public void Wrong_conv_output_shape_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["outputShape"] = new JsonArray(4, 6, 6));

        FileFails(json, "$.layers[0].outputShape", "expected [4, 4, 4]");
    }

    [Fact]
    public void Wrong_flatten_output_shape_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(1)["outputShape"] = new JsonArray(63));

        var error = FileFails(json, "$.layers[1].outputShape", "expected [64]");

        Assert.Contains("found [63]", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_pool_output_shape_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.AllOps(), root => root.Layer(1)["outputShape"] = new JsonArray(4, 3, 3));

        FileFails(json, "$.layers[1].outputShape", "expected [4, 4, 4]");
    }

    [Fact]
    public void Add_of_differently_shaped_inputs_is_refused()
    {
        // "residual" adds "pool" [4, 4, 4] and "depthwise"; make it add "pool" and "stem" [4, 8, 8].
        var json = JsonEdit.Edit(SampleModels.AllOps(), root => root.Layer(3)["inputs"] = new JsonArray("pool", "stem"));

        FileFails(json, "$.layers[3].inputs", "expected two inputs of the same shape, found \"pool\" [4, 4, 4] and \"stem\" [4, 8, 8]");
    }

    [Fact]
    public void Linear_on_a_feature_map_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(2)["inputs"] = new JsonArray("conv"));

        FileFails(json, "$.layers[2].inputs[0]", "expected a feature vector, found \"conv\" with shape [4, 4, 4]");
    }

    [Fact]
    public void Groups_that_do_not_divide_the_channels_are_refused()
    {
        var json = JsonEdit.Edit(SampleModels.AllOps(), root => root.Layer(2)["groups"] = 3);

        FileFails(json, "$.layers[2].groups", "expected a group count ≥ 1 that divides inChannels (4) and outChannels (4), found 3");
    }
}
