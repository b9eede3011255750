using System;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.BadInput;

public sealed class TernaryCodeTests : ManifestFileTest
{
    [Fact]
    public void Ternary_code_0b10_is_refused_with_the_weight_index()
    {
        var model = SampleModels.ConvFlattenLinear(convEncoding: WeightEncoding.Ternary, convBits: 2);
        var json = JsonEdit.Edit(
            model,
            root =>
            {
                var weights = root.Layer(0)["weights"]!;
                var data = Convert.FromBase64String(weights["data"]!.GetValue<string>());
                data[1] = (byte)((data[1] & ~0b1100) | 0b1000); // weight 5 = bits 10..11 = byte 1, bits 2..3
                weights["data"] = Convert.ToBase64String(data);
            });

        FileFails(json, "$.layers[0].weights.data", "expected ternary codes 00, 01 or 11 (0, +1, −1), found code 10 at weight 5");
    }
}
