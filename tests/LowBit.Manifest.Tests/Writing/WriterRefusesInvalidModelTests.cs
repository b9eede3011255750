using LowBit.TestModels;
using System.IO;
using LowBit.Manifest.Tests.Support;

namespace LowBit.Manifest.Tests.Writing;

/// <summary>An exporter bug surfaces when the file is written, not when someone builds against it.</summary>
public sealed class WriterRefusesInvalidModelTests
{
    private static ModelManifest WrongInChannels()
    {
        var valid = SampleModels.ConvFlattenLinear();
        var conv = (Conv2dLayer)valid.Layers[0];
        var broken = new Conv2dLayer(conv.Id, conv.Inputs, conv.OutputShape, 2, conv.OutChannels, conv.Window, conv.Groups, conv.Weights, conv.Requantize);
        return new ModelManifest(valid.Name, valid.Producer, valid.Input, new[] { broken, valid.Layers[1], valid.Layers[2] });
    }

    [Fact]
    public void ToJson_throws_naming_the_json_path()
    {
        var exception = Assert.Throws<ManifestException>(() => ManifestWriter.ToJson(WrongInChannels()));

        ErrorAssert.First(exception, "<memory>", "$.layers[0].inChannels", "expected 1 (the channels of \"input\"");
    }

    [Fact]
    public void WriteFile_throws_naming_the_file_and_writes_nothing()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("broken.lbq");

        var exception = Assert.Throws<ManifestException>(() => ManifestWriter.WriteFile(WrongInChannels(), path));

        ErrorAssert.First(exception, path, "$.layers[0].inChannels", "found 2");
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Weights_that_overflow_the_accumulator_are_refused_on_write()
    {
        var model = SampleModels.SingleLinear(70_000, WeightEncoding.Signed, 8, SampleModels.Unsigned(8));

        var exception = Assert.Throws<ManifestException>(() => ManifestWriter.ToUtf8(model, "export.lbq"));

        ErrorAssert.First(exception, "export.lbq", "$.layers[0].weights.bits", "expected the worst-case accumulator to fit int32");
    }

    [Fact]
    public void Every_error_is_reported_not_just_the_first()
    {
        var valid = SampleModels.ConvFlattenLinear();
        var model = new ModelManifest("bad name!", new Producer("", "1.0"), valid.Input, valid.Layers);

        var exception = Assert.Throws<ManifestException>(() => ManifestWriter.ToJson(model));

        Assert.Equal(new[] { "$.name", "$.producer.name" }, System.Linq.Enumerable.Select(exception.Errors, e => e.JsonPath));
        Assert.Contains("<memory>: $.producer.name: expected the name of the exporting tool", exception.Message, System.StringComparison.Ordinal);
    }
}
