using LowBit.Manifest;
using static LowBit.Runtime.Tests.HandModels;

namespace LowBit.Runtime.Tests;

public sealed class ReferenceConv2dTests
{
    [Fact]
    public void Padding_reads_the_input_zero_point()
    {
        // Input levels [[1, 2], [4, 5]] with zero point 3 (x = level − 3 at scale 1).
        var conv = new Conv2dLayer(
            "conv", new[] { "input" }, TensorShape.Chw(1, 3, 3), 1, 1, Window2d.Square(2, stride: 1, padding: 1), 1,
            Signed(4, 1, 2, 3, 4), Identity8(1));
        var model = WithHead(Input(TensorShape.Chw(1, 2, 2), zeroPoint: 3), conv);

        var levels = Run(model, -2, -1, 1, 2).LayerOutput("conv").ToArray();

        // (0,0): 1·3 + 2·3 + 3·3 + 4·1 = 22; (1,1): 1·1 + 2·2 + 3·4 + 4·5 = 37; (2,2): 1·5 + 2·3 + 3·3 + 4·3 = 32.
        Assert.Equal(22, levels[0]);
        Assert.Equal(37, levels[4]);
        Assert.Equal(32, levels[8]);
    }

    [Fact]
    public void Depthwise_stride_two_reads_each_channel_with_its_own_weight()
    {
        var conv = new Conv2dLayer(
            "conv", new[] { "input" }, TensorShape.Chw(2, 2, 2), 2, 2, Window2d.Square(1, stride: 2), 2,
            Signed(3, 2, -1), Thresholds(8, Identity8(2).Thresholds.ToArray(), negated: new[] { 1 }));
        var model = WithHead(Input(TensorShape.Chw(2, 3, 3)), conv);
        var input = new float[18];
        for (int i = 0; i < 9; i++)
        {
            input[i] = i;
            input[9 + i] = 10 + i;
        }

        var levels = Run(model, input).LayerOutput("conv").ToArray();

        // Channel 0: 2 × levels at (0,0), (0,2), (2,0), (2,2); channel 1: −1 × them, negated back to positive.
        Assert.Equal(new[] { 0, 4, 12, 16, 10, 12, 16, 18 }, levels);
    }

    [Fact]
    public void Grouped_convolution_sums_only_its_groups_channels()
    {
        // 4 inputs, 2 groups: output 0 reads inputs 0–1 with [1, 1], output 1 reads inputs 2–3 with [2, 1].
        var conv = new Conv2dLayer(
            "conv", new[] { "input" }, TensorShape.Chw(2, 1, 1), 4, 2, Window2d.Square(1), 2,
            Signed(3, 1, 1, 2, 1), Identity8(2));
        var model = WithHead(Input(TensorShape.Chw(4, 1, 1)), conv);

        var levels = Run(model, 1, 2, 3, 4).LayerOutput("conv").ToArray();

        Assert.Equal(new[] { 3, 10 }, levels);
    }

    [Fact]
    public void Binary_weights_are_minus_one_and_plus_one()
    {
        var linear = new LinearLayer(
            "fc", new[] { "input" }, TensorShape.Vector(1), 3, 1,
            PackedWeights.Pack(WeightEncoding.Binary, 1, new sbyte[] { 1, -1, 1 }),
            Identity8(1));
        var model = WithHead(Input(TensorShape.Vector(3)), linear);

        Assert.Equal(new[] { 5 - 2 + 4 }, Run(model, 5, 2, 4).LayerOutput("fc").ToArray());
    }
}
