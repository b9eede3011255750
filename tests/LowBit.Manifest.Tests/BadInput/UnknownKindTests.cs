using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

/// <summary>Enumerated members other than the op: weight encoding and requantization kind.</summary>
public sealed class UnknownKindTests : ManifestFileTest
{
    [Fact]
    public void Unknown_weight_encoding_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["weights"]!["encoding"] = "unsigned");

        FileFails(json, "$.layers[0].weights.encoding", "expected \"binary\", \"ternary\" or \"signed\", found \"unsigned\"");
    }

    [Fact]
    public void Unknown_requantization_kind_is_refused()
    {
        var json = JsonEdit.Edit(SampleModels.ConvFlattenLinear(), root => root.Layer(0)["requantize"]!["kind"] = "relu");

        FileFails(json, "$.layers[0].requantize.kind", "expected \"thresholds\" or \"float\", found \"relu\"");
    }
}
