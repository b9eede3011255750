using LowBit.Manifest;
using static LowBit.Runtime.Tests.HandModels;

namespace LowBit.Runtime.Tests;

public sealed class ReferenceAddTests
{
    [Fact]
    public void Add_weights_each_input_and_requantizes_per_channel()
    {
        // input levels: channel 0 = [3, 4], channel 1 = [5, 6]; conv doubles channel 1 only.
        var conv = new Conv2dLayer(
            "conv", new[] { "input" }, TensorShape.Chw(2, 1, 2), 2, 2, Window2d.Square(1), 1,
            Signed(3, 1, 0, 0, 2), Identity8(2));
        var add = new AddLayer(
            "add", new[] { "input", "conv" }, TensorShape.Chw(2, 1, 2), 3, -1,
            Thresholds(2, new[] { 0, 6, 7, -6, -5, 0 }, negated: new[] { 1 }));
        var model = WithHead(Input(TensorShape.Chw(2, 1, 2)), conv, add);

        var levels = Run(model, 3, 4, 5, 6).LayerOutput("add").ToArray();

        // acc: channel 0 = 3·3 − 3 = 6, 3·4 − 4 = 8; channel 1 = 3·5 − 10 = 5, 3·6 − 12 = 6 (negated: −5, −6).
        Assert.Equal(new[] { 2, 3, 2, 1 }, levels);
    }
}
