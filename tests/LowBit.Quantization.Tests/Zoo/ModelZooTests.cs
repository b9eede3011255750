using System.Linq;
using LowBit.Manifest;
using LowBit.Quantization.Export;
using LowBit.Quantization.Modules.Zoo;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Simulation;
using LowBit.Quantization.Tests.Export;
using LowBit.Quantization.Training;
using LowBit.Runtime;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Zoo;

/// <summary>Every zoo architecture builds at every method (and in float32), classifies a batch of digits,
/// and exports to a manifest whose integer simulation is bit-exact with the interpreter; plans naming
/// layers a model lacks are refused.</summary>
public sealed class ModelZooTests : IClassFixture<MnistFixture>
{
    private readonly MnistFixture _mnist;

    public ModelZooTests(MnistFixture mnist) => _mnist = mnist;

    public static TheoryData<string, string> ModelsAndMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in ModelZoo.Names)
        {
            foreach (var method in QuantizationMethod.All.Select(m => m.Name).Append(MnistExperiment.Float))
            {
                data.Add(model, method);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsAndMethods))]
    public void EveryModelBuildsAndClassifiesAtEveryMethod(string model, string method)
    {
        TorchSession.Seed(5);
        var quantization = method == MnistExperiment.Float ? null : QuantizationMethod.Parse(method);
        var network = ModelZoo.Create(model, quantization, BitwidthPlan.Uniform(2, 2));
        network.train();

        using var logits = network.call(_mnist.Train.Images.narrow(0, 0, 4));

        Assert.Equal(new long[] { 4, 10 }, logits.shape);
        Assert.False(logits.isnan().any().item<bool>(), $"{model} {method} gave NaN logits");
    }

    [Theory]
    [InlineData("resnet8", "stem=W8A8,fc=W8A8")]
    [InlineData("mobilenetv2", "stem=W8A8,fc=W8A8,block1.depthwise=W4A4")]
    public void TheExportedZooModelSimulatesBitExactlyAndKeepsPerLayerBits(string model, string overrides)
    {
        TorchSession.Seed(6);
        var network = ModelZoo.Create(model, QuantizationMethod.Lsq, BitwidthPlan.Parse("W2A2," + overrides));
        network.train();
        network.call(_mnist.Train.Images.narrow(0, 0, 32)).Dispose(); // initialises the learned steps from data
        using var few = _mnist.Test.EvenlySpaced(64);

        var manifest = ManifestExporter.Export(network, model, TensorShape.Chw(1, 28, 28));
        var check = DeployCheck.Run(network, manifest, few);

        Assert.True(check.SimulationBitExact, check.ToString());
        Assert.Equal(8, ((Conv2dLayer)manifest.Layers.First(l => l is Conv2dLayer)).Weights.Bits);
        Assert.Equal(8, ((LinearLayer)manifest.OutputLayer).Weights.Bits);
        Assert.Contains(manifest.Layers, l => l is GlobalAvgPoolLayer);
        Assert.Contains(manifest.Layers, l => l is AddLayer);
        Assert.True(new ReferenceInterpreter(manifest).OutputLength == 10);
    }

    [Fact]
    public void APlanNamingALayerTheModelLacksIsRefused()
    {
        var error = Assert.Throws<System.ArgumentException>(() => ModelZoo.Create("resnet8", QuantizationMethod.Dsq, BitwidthPlan.Parse("W2A2,layer4.0.conv1=W4A4")));

        Assert.Contains("layer4.0.conv1", error.Message);
        Assert.Contains("layer1.0.conv1", error.Message);
    }

    [Fact]
    public void AnUnknownModelIsRefusedWithTheKnownNames()
    {
        var error = Assert.Throws<System.ArgumentException>(() => ModelZoo.Create("resnet50", null, BitwidthPlan.Uniform(2, 2)));

        Assert.Contains("mnist-cnn, resnet8, resnet20, mobilenetv2", error.Message);
    }
}
