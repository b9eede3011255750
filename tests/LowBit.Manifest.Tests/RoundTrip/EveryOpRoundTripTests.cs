using LowBit.TestModels;
using System.IO;
using System.Linq;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.RoundTrip;

public sealed class EveryOpRoundTripTests
{
    [Fact]
    public void Model_with_every_op_reads_back_equal()
    {
        var model = SampleModels.AllOps();
        Assert.Equal(
            new[] { LayerOp.Conv2d, LayerOp.MaxPool2d, LayerOp.Add, LayerOp.AvgPool2d, LayerOp.GlobalAvgPool, LayerOp.Flatten, LayerOp.Linear }.OrderBy(op => op),
            model.Layers.Select(l => l.Op).Distinct().OrderBy(op => op));

        RoundTrip.Check(model);
    }

    [Fact]
    public void Conv_flatten_linear_model_reads_back_equal()
    {
        RoundTrip.Check(SampleModels.ConvFlattenLinear());
    }

    [Fact]
    public void Negated_channels_survive()
    {
        var read = RoundTrip.Check(SampleModels.AllOps());

        var stem = (ThresholdRequantization)((Conv2dLayer)read.Layers[0]).Requantize;
        Assert.Equal(new[] { 1, 3 }, stem.NegatedChannels.ToArray());
        Assert.True(stem.IsNegated(3));
        Assert.False(stem.IsNegated(2));
    }

    [Fact]
    public void Write_file_then_read_file_gives_the_same_model()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("all-ops" + ManifestFormat.FileExtension);
        var model = SampleModels.AllOps();

        ManifestWriter.WriteFile(model, path);

        Assert.True(File.Exists(path));
        ManifestAssert.Equal(model, ManifestReader.ReadFile(path));
    }
}
