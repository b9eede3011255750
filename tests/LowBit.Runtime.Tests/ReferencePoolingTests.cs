using LowBit.Manifest;
using static LowBit.Runtime.Tests.HandModels;

namespace LowBit.Runtime.Tests;

public sealed class ReferencePoolingTests
{
    [Fact]
    public void Max_pool_ignores_padded_positions()
    {
        var pool = new MaxPool2dLayer("pool", new[] { "input" }, TensorShape.Chw(1, 2, 2), Window2d.Square(2, stride: 2, padding: 1));
        var model = WithHead(Input(TensorShape.Chw(1, 3, 3)), pool);

        var levels = Run(model, 5, 1, 0, 2, 3, 7, 4, 8, 6).LayerOutput("pool").ToArray();

        Assert.Equal(new[] { 5, 1, 4, 8 }, levels);
    }

    [Fact]
    public void Max_pool_of_negative_levels_is_not_raised_by_padding()
    {
        var pool = new MaxPool2dLayer("pool", new[] { "input" }, TensorShape.Chw(1, 2, 2), Window2d.Square(2, stride: 1, padding: 1));
        var model = WithHead(Input(TensorShape.Chw(1, 1, 1), bits: 4, signed: true), pool);

        Assert.Equal(new[] { -3, -3, -3, -3 }, Run(model, -3).LayerOutput("pool").ToArray());
    }

    [Fact]
    public void Avg_pool_pads_with_the_zero_point_divides_by_the_kernel_area_and_rounds_half_to_even()
    {
        // Levels [[1, 2], [3, 4]] with zero point 1 (x = level − 1).
        var pool = new AvgPool2dLayer("pool", new[] { "input" }, TensorShape.Chw(1, 3, 3), Window2d.Square(2, stride: 1, padding: 1));
        var model = WithHead(Input(TensorShape.Chw(1, 2, 2), zeroPoint: 1), pool);

        var levels = Run(model, 0, 1, 2, 3).LayerOutput("pool").ToArray();

        // (0,0): (1+1+1+1)/4 = 1; (0,1): (1+1+1+2)/4 = 1.25 → 1; (1,1): 10/4 = 2.5 → 2; (2,2): (4+1+1+1)/4 = 1.75 → 2.
        Assert.Equal(1, levels[0]);
        Assert.Equal(1, levels[1]);
        Assert.Equal(2, levels[4]);
        Assert.Equal(2, levels[8]);
    }

    [Fact]
    public void Global_avg_pool_rounds_each_channel_half_to_even()
    {
        var pool = new GlobalAvgPoolLayer("gap", new[] { "input" }, TensorShape.Chw(2, 1, 1));
        var model = WithHead(Input(TensorShape.Chw(2, 2, 2)), pool);

        Assert.Equal(new[] { 2, 4 }, Run(model, 1, 2, 3, 4, 3, 3, 4, 4).LayerOutput("gap").ToArray());
    }

    [Fact]
    public void Global_avg_pool_of_signed_levels_rounds_negative_ties_to_even()
    {
        var pool = new GlobalAvgPoolLayer("gap", new[] { "input" }, TensorShape.Chw(3, 1, 1));
        var model = WithHead(Input(TensorShape.Chw(3, 2, 2), bits: 4, signed: true), pool);

        var levels = Run(model, -1, -2, -2, -2, -1, -1, -2, -2, -1, -1, -1, -2).LayerOutput("gap").ToArray();

        // −7/4 = −1.75 → −2; −6/4 = −1.5 → −2 (even); −5/4 = −1.25 → −1.
        Assert.Equal(new[] { -2, -2, -1 }, levels);
    }

    [Fact]
    public void Flatten_keeps_channel_major_order()
    {
        var flatten = new FlattenLayer("flat", new[] { "input" }, TensorShape.Vector(4));
        var model = WithHead(Input(TensorShape.Chw(2, 1, 2)), flatten);

        Assert.Equal(new[] { 7, 8, 9, 10 }, Run(model, 7, 8, 9, 10).LayerOutput("flat").ToArray());
    }
}
