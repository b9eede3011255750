using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>The validator refuses a layer whose worst-case int32 accumulator could overflow.</summary>
public sealed class AccumulatorOverflowTests : ManifestFileTest
{
    // 70 000 × 128 (signed 8-bit |w|) × 255 (unsigned 8-bit a) = 2 284 800 000 > int.MaxValue.
    private const int FanIn = 70_000;

    [Fact]
    public void Eight_bit_weights_and_activations_with_a_huge_fan_in_are_refused()
    {
        // Valid with 4-bit input levels (70 000 × 128 × 15 fits); the edit widens the input to 8 bits.
        var model = SampleModels.SingleLinear(FanIn, WeightEncoding.Signed, 8, SampleModels.Unsigned(4));
        var json = JsonEdit.Edit(model, root => root["input"]!["bits"] = 8);

        var error = FileFails(json, "$.layers[0].weights.bits", "expected the worst-case accumulator to fit int32");

        Assert.Contains("found a bound of 2284800000", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Largest_fan_in_that_fits_is_accepted()
    {
        // ⌊(2^31 − 1) / (128 × 255)⌋ = 65 793.
        var model = SampleModels.SingleLinear(65_793, WeightEncoding.Signed, 8, SampleModels.Unsigned(8));

        Assert.Empty(ManifestValidator.Validate(model, "fits.lbq"));
        Assert.Single(ManifestValidator.Validate(SampleModels.SingleLinear(65_794, WeightEncoding.Signed, 8, SampleModels.Unsigned(8)), "overflows.lbq"));
    }
}
