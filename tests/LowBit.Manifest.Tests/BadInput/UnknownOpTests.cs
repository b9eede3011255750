using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

public sealed class UnknownOpTests : ManifestFileTest
{
    [Theory]
    [InlineData("conv3d")]
    [InlineData("Conv2d")]
    [InlineData("")]
    public void Unknown_op_lists_the_known_ones(string op)
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["op"] = op);

        var error = FileFails(json, "$.layers[0].op", "expected one of conv2d, linear, maxPool2d, avgPool2d, globalAvgPool, add, flatten");

        Assert.Contains($"found unknown op \"{op}\"", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Op_that_is_not_a_string_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(1)["op"] = 3);

        FileFails(json, "$.layers[1].op", "expected a string, found 3");
    }
}
