using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Runtime.Tests;

/// <summary>Every catalog model is valid and survives the file format; the catalog covers what it promises.</summary>
public sealed class ModelCatalogTests
{
    public static IEnumerable<object[]> ModelNames => ModelCatalog.ModelNames;

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void ModelValidatesAndRoundTrips(string name)
    {
        var model = ModelCatalog.Get(name).Manifest;
        Assert.Empty(ManifestValidator.Validate(model, name));

        var bytes = ManifestWriter.ToUtf8(model, name);
        var read = ManifestReader.ReadBytes(bytes, name);

        Assert.Equal(name, read.Name);
        Assert.Equal(model.Layers.Select(l => (l.Id, l.Op, l.OutputShape)), read.Layers.Select(l => (l.Id, l.Op, l.OutputShape)));
        Assert.Equal(bytes, ManifestWriter.ToUtf8(read, name));
    }

    [Fact]
    public void NamesAreUniqueAndShownByToString()
    {
        var all = ModelCatalog.All;

        Assert.True(all.Count >= 300, $"{all.Count} models");
        Assert.Equal(all.Count, all.Select(m => m.Name).Distinct().Count());
        Assert.All(all, m => Assert.Equal(m.Name, m.ToString()));
        Assert.All(all, m => Assert.Equal(m.Name, m.Manifest.Name));
    }

    [Fact]
    public void EveryOpIsCovered()
    {
        foreach (var op in new[] { LayerOp.Conv2d, LayerOp.Linear, LayerOp.MaxPool2d, LayerOp.AvgPool2d, LayerOp.GlobalAvgPool, LayerOp.Add, LayerOp.Flatten })
        {
            Assert.True(ModelCatalog.WithOp(op).Count() >= 5, $"{op}: {ModelCatalog.WithOp(op).Count()} models");
        }

        var allOps = ModelCatalog.AllOps.Manifest.Layers.Select(l => l.Op).Distinct().Count();
        Assert.Equal(7, allOps);
    }

    [Fact]
    public void EveryWeightEncodingMeetsEveryActivationBitwidth()
    {
        var pairs = new HashSet<(string Op, WeightEncoding Encoding, int WeightBits, int ActivationBits, bool Signed)>();
        foreach (var model in ModelCatalog.All)
        {
            foreach (var layer in model.Manifest.Layers)
            {
                switch (layer)
                {
                    case Conv2dLayer { Requantize: ThresholdRequantization t } conv:
                        string kind = conv.Groups == 1 ? "conv" : conv.Groups == conv.InChannels ? "depthwise" : "grouped";
                        pairs.Add((kind, conv.Weights.Encoding, conv.Weights.Bits, t.Levels.Bits, t.Levels.Signed));
                        break;
                    case LinearLayer { Requantize: ThresholdRequantization t } linear:
                        pairs.Add(("linear", linear.Weights.Encoding, linear.Weights.Bits, t.Levels.Bits, t.Levels.Signed));
                        break;
                }
            }
        }

        foreach (var op in new[] { "conv", "linear", "depthwise", "grouped" })
        {
            foreach (var weights in WeightSpec.All)
            {
                foreach (var bits in ModelCatalog.ActivationBits)
                {
                    foreach (var signed in new[] { false, true })
                    {
                        Assert.Contains((op, weights.Encoding, weights.Bits, bits, signed), pairs);
                    }
                }
            }
        }
    }

    [Fact]
    public void ChannelCountsIncludeOddOnes()
    {
        var channels = ModelCatalog.All
            .SelectMany(m => m.Manifest.Layers.OfType<Conv2dLayer>())
            .SelectMany(c => new[] { c.InChannels, c.OutChannels })
            .ToHashSet();

        Assert.Superset(new HashSet<int> { 1, 3, 5, 7, 13, 17, 32 }, channels);
    }

    [Fact]
    public void SmallModelsAreSmallAndTheLargeOneIsLarger()
    {
        foreach (var model in ModelCatalog.All.Where(m => !m.Name.StartsWith("large/", System.StringComparison.Ordinal)))
        {
            // Small in values, not in channels: the binary models need 64 and 128 channels for words past 31 per window.
            var input = model.Manifest.Input.Shape;
            Assert.True(input.Height <= 16 && input.Width <= 16 && input.Length <= 16 * 16 * 32, $"{model.Name}: input {input}");
        }

        var large = ModelSummary.Create(ModelCatalog.Large.Manifest);
        Assert.InRange(large.Parameters, 40_000, 60_000);
        Assert.Equal(TensorShape.Chw(3, 32, 32), ModelCatalog.Large.Manifest.Input.Shape);
    }

    [Fact]
    public void SeedsComeFromNamesNotFromOrder()
    {
        var again = ModelCatalog.Case("conv2d/ws3/au2", b => b.Input(5, 9, 9).Conv2d(7, 3, padding: 1, weights: WeightSpec.Signed(3), activationBits: 2));

        Assert.Equal(ManifestWriter.ToJson(ModelCatalog.Get("conv2d/ws3/au2").Manifest), ManifestWriter.ToJson(again.Manifest));
    }
}
