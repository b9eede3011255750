using System;
using System.Linq;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Runtime.Tests;

/// <summary>The random model builder: determinism, structure, weight ranges and clear errors.</summary>
public sealed class ModelBuilderTests
{
    private static ModelBuilder SmallCnn(int seed) =>
        new ModelBuilder(seed, "small_cnn")
            .Input(3, 8, 8)
            .Conv2d(5, 3, padding: 1, weights: WeightSpec.Signed(3), activationBits: 2)
            .MaxPool2d(2)
            .Flatten()
            .Linear(4, WeightSpec.Ternary);

    [Fact]
    public void SameSeedGivesIdenticalJson()
    {
        var first = ManifestWriter.ToJson(SmallCnn(42).Build());
        var second = ManifestWriter.ToJson(SmallCnn(42).Build());

        Assert.Equal(first, second);
    }

    [Fact]
    public void BuildIsRepeatable()
    {
        var builder = SmallCnn(42);

        Assert.Equal(ManifestWriter.ToJson(builder.Build()), ManifestWriter.ToJson(builder.Build()));
    }

    [Fact]
    public void DifferentSeedGivesDifferentWeights()
    {
        var a = (Conv2dLayer)SmallCnn(1).Build().Layers[0];
        var b = (Conv2dLayer)SmallCnn(2).Build().Layers[0];

        Assert.False(a.Weights.Data.SequenceEqual(b.Weights.Data));
    }

    [Fact]
    public void BuildReturnsAValidModelEndingInFloatOutput()
    {
        var model = SmallCnn(3).Build();

        Assert.Empty(ManifestValidator.Validate(model, "<test>"));
        Assert.Equal(new[] { "conv1", "maxpool2", "flatten3", "fc4" }, model.Layers.Select(l => l.Id));
        var head = Assert.IsType<LinearLayer>(model.OutputLayer);
        var output = Assert.IsType<FloatOutput>(head.Requantize);
        Assert.All(output.Scale.ToArray(), s => Assert.InRange(s, 0.01f, 0.1f));
        Assert.All(output.Bias.ToArray(), b => Assert.InRange(b, -1f, 1f));
        Assert.Equal(ModelBuilder.ProducerName, model.Producer.Name);
    }

    [Theory]
    [InlineData("maxpool")]
    [InlineData("avgpool")]
    [InlineData("gap")]
    [InlineData("flatten")]
    [InlineData("add")]
    public void BuildThrowsWhenTheLastLayerCannotProduceFloatOutput(string last)
    {
        var builder = new ModelBuilder(5, "bad_end").Input(4, 6, 6).Conv2d(4, 3, padding: 1);
        builder = last switch
        {
            "maxpool" => builder.MaxPool2d(2),
            "avgpool" => builder.AvgPool2d(2),
            "gap" => builder.GlobalAvgPool(),
            "flatten" => builder.Flatten(),
            _ => builder.Residual(b => b.Conv2d(4, 1)),
        };

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("must be Conv2d or Linear", error.Message);
        Assert.Contains(builder.CurrentId, error.Message);
    }

    [Fact]
    public void BuildWithoutInputOrLayersThrows()
    {
        Assert.Throws<InvalidOperationException>(() => new ModelBuilder(1).Build());
        Assert.Throws<InvalidOperationException>(() => new ModelBuilder(1).Input(1, 4, 4).Build());
        Assert.Throws<InvalidOperationException>(() => new ModelBuilder(1).Conv2d(4, 3));
    }

    [Fact]
    public void ShapeMistakesThrowWhenTheLayerIsAdded()
    {
        Assert.Throws<InvalidOperationException>(() => new ModelBuilder(1).Input(2, 4, 4).Linear(3));
        Assert.Throws<InvalidOperationException>(() => new ModelBuilder(1).InputVector(8).Conv2d(3, 1));
        Assert.Throws<ArgumentException>(() => new ModelBuilder(1).Input(2, 4, 4).Conv2d(3, 5));
        Assert.Throws<ArgumentException>(() => new ModelBuilder(1).Input(6, 4, 4).Conv2d(4, 1, groups: 3));
        Assert.Throws<ArgumentException>(() => new ModelBuilder(1).Input(2, 4, 4).MaxPool2d(2, 2, padding: 2));
        Assert.Throws<InvalidOperationException>(() => new ModelBuilder(1).Input(2, 4, 4).Residual(b => b.Conv2d(3, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModelBuilder(1).Input(2, 4, 4).Conv2d(3, 1, activationBits: 2, activationZeroPoint: 4));
    }

    [Fact]
    public void ResidualAddsTheBlockInputAndOutput()
    {
        var model = new ModelBuilder(11, "residual")
            .Input(4, 5, 5)
            .Conv2d(6, 3, padding: 1)
            .Residual(b => b.Conv2d(6, 3, padding: 1).Conv2d(6, 1), activationBits: 4, signedActivations: true)
            .Conv2d(2, 1)
            .Build();

        var add = Assert.IsType<AddLayer>(model.Layers[3]);
        Assert.Equal(new[] { "conv1", "conv3" }, add.Inputs);
        Assert.Contains(add.FirstMultiplier, new[] { 1, 2, 3, -1 });
        Assert.Contains(add.SecondMultiplier, new[] { 1, 2, 3, -1 });
        Assert.Equal(new LevelFormat(4, true, 0, add.Requantize.Levels.Scale), add.Requantize.Levels);
        Assert.Equal(TensorShape.Chw(6, 5, 5), add.OutputShape);
    }

    [Fact]
    public void GivenMultipliersAreUsed()
    {
        var model = new ModelBuilder(12).Input(3, 4, 4).Residual(b => b.Conv2d(3, 1), multipliers: (2, -1)).Conv2d(1, 1).Build();

        var add = Assert.IsType<AddLayer>(model.Layers[1]);
        Assert.Equal((2, -1), (add.FirstMultiplier, add.SecondMultiplier));
    }

    [Fact]
    public void WeightsCoverTheEncodingsRange()
    {
        foreach (var spec in WeightSpec.All)
        {
            var model = new ModelBuilder(13).InputVector(64).Linear(32, spec).Build();
            var linear = (LinearLayer)model.Layers[0];
            var values = linear.Weights.Unpack((int)linear.WeightCount);

            Assert.Equal(spec.Encoding, linear.Weights.Encoding);
            Assert.Equal(spec.Bits, linear.Weights.Bits);
            Assert.Equal(spec.Min, values.Min());
            Assert.Equal(spec.Max, values.Max());
            int distinct = values.Distinct().Count();
            Assert.Equal(spec.Encoding == WeightEncoding.Binary ? 2 : spec.Max - spec.Min + 1, distinct);
        }
    }

    [Fact]
    public void WindowsFormatsAndNegatedChannelsAreKept()
    {
        var window = new Window2d(3, 1, 2, 1, 0, 0, 2, 0);
        var model = new ModelBuilder(14)
            .Input(3, 7, 6, bits: 4, signed: true, zeroPoint: -3, scale: 0.5f)
            .Conv2d(8, window, weights: WeightSpec.Binary, activationBits: 8, signedActivations: true, activationZeroPoint: 5, negatedFraction: 1)
            .Conv2d(2, 1)
            .Build();

        Assert.Equal(new LevelFormat(4, true, -3, 0.5f), model.Input.Levels);
        var conv = (Conv2dLayer)model.Layers[0];
        Assert.Equal(window, conv.Window);
        Assert.Equal(TensorShape.Chw(8, 4, 6), conv.OutputShape);
        var thresholds = (ThresholdRequantization)conv.Requantize;
        Assert.Equal(Enumerable.Range(0, 8), thresholds.NegatedChannels.ToArray());
        Assert.Equal(5, thresholds.Levels.ZeroPoint);
        Assert.Equal(8 * 255, thresholds.Thresholds.Length);
    }

    [Fact]
    public void ThresholdsSpreadOverTheAccumulatorRange()
    {
        // 255 thresholds per channel from normal quantiles: many distinct values, not one repeated.
        var model = new ModelBuilder(15).Input(8, 6, 6).Conv2d(4, 3, weights: WeightSpec.Signed(4), activationBits: 8).Conv2d(1, 1).Build();
        var thresholds = (ThresholdRequantization)((Conv2dLayer)model.Layers[0]).Requantize;

        for (int c = 0; c < 4; c++)
        {
            var row = thresholds.ChannelThresholds(c).ToArray();
            Assert.True(row.Distinct().Count() > 100, $"channel {c}: {row.Distinct().Count()} distinct thresholds");
            Assert.True(row[row.Length - 1] - row[0] > 1000, $"channel {c}: thresholds span {row[0]} … {row[row.Length - 1]}");
        }
    }
}
