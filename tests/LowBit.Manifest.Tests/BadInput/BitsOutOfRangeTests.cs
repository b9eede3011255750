using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

public sealed class BitsOutOfRangeTests : ManifestFileTest
{
    [Theory]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void Signed_weight_bits_outside_2_to_8_are_refused(int bits)
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["weights"]!["bits"] = bits);

        var error = FileFails(json, "$.layers[0].weights.bits", "expected weight bits from 2 to 8 for signed weights");

        Assert.Contains($"found {bits}", error.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("binary", 1, 2, "expected 1 for binary weights, found 2")]
    [InlineData("ternary", 2, 3, "expected 2 for ternary weights, found 3")]
    [InlineData("ternary", 2, 1, "expected 2 for ternary weights, found 1")]
    public void Binary_and_ternary_weights_have_fixed_bits(string encoding, int validBits, int bits, string expectation)
    {
        var model = SampleModels.ConvFlattenLinear(fcEncoding: encoding == "binary" ? WeightEncoding.Binary : WeightEncoding.Ternary, fcBits: validBits);
        var json = JsonEdit.Edit(model, root => root.Layer(2)["weights"]!["bits"] = bits);

        FileFails(json, "$.layers[2].weights.bits", expectation);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(0)]
    [InlineData(32)]
    public void Threshold_activation_bits_outside_1_to_8_are_refused(int bits)
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["requantize"]!["bits"] = bits);

        var exception = Assert.Throws<ManifestException>(() => ManifestReader.ReadFile(WriteFile(json)));

        ErrorAssert.First(exception, PathOf("model.lbq"), "$.layers[0].requantize.bits", $"expected activation bits from 1 to 8, found {bits}");
        Assert.Single(exception.Errors); // layers reading the broken output are not blamed as well
    }

    [Theory]
    [InlineData(9)]
    [InlineData(0)]
    public void Input_activation_bits_outside_1_to_8_are_refused(int bits)
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root["input"]!["bits"] = bits);

        var exception = Assert.Throws<ManifestException>(() => ManifestReader.ReadFile(WriteFile(json)));

        ErrorAssert.First(exception, PathOf("model.lbq"), "$.input.bits", $"expected activation bits from 1 to 8, found {bits}");
        Assert.Single(exception.Errors);
    }

    [Fact]
    public void Bits_that_are_not_an_integer_are_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["weights"]!["bits"] = 4.5);

        FileFails(json, "$.layers[0].weights.bits", "expected a 32-bit integer, found 4.5");
    }
}
