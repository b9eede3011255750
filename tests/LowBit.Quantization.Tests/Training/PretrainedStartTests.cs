using System;
using System.Linq;
using LowBit.Quantization.Modules.Zoo;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Training;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Training;

/// <summary>Fine-tuning starts a quantized network from a trained float one: every float tensor is copied,
/// and a network of another architecture is refused by name.</summary>
public sealed class PretrainedStartTests
{
    [Theory]
    [InlineData("resnet8", "ddq")]
    [InlineData("mobilenetv2", "dsq")]
    public void EveryTensorOfTheFloatNetworkIsCopiedIntoTheQuantizedOne(string model, string method)
    {
        TorchSession.Seed(12);
        var pretrained = ModelZoo.Create(model, null, BitwidthPlan.Uniform(4, 4));
        TorchSession.Seed(13);
        var quantized = ModelZoo.Create(model, QuantizationMethod.Parse(method), BitwidthPlan.Uniform(4, 4));

        var copied = PretrainedStart.CopyInto(pretrained, quantized);

        var source = pretrained.state_dict();
        var target = quantized.state_dict();
        Assert.Equal(source.Count, copied);
        Assert.True(target.Count > source.Count, "the quantized network's own quantizer state should be left for its first batch");
        Assert.All(source, entry => Assert.True(entry.Value.eq(target[entry.Key]).all().item<bool>(), $"{entry.Key} was not copied"));
    }

    [Fact]
    public void ANetworkOfAnotherArchitectureIsRefusedByName()
    {
        var pretrained = ModelZoo.Create(ModelZoo.MnistCnnName, null, BitwidthPlan.Uniform(4, 4));
        var quantized = ModelZoo.Create("resnet8", QuantizationMethod.Lsq, BitwidthPlan.Uniform(4, 4));

        var error = Assert.Throws<ArgumentException>(() => PretrainedStart.CopyInto(pretrained, quantized));

        var first = pretrained.state_dict().Keys.First();
        Assert.Contains($"\"{first}\"", error.Message);
        Assert.Contains("the architectures differ", error.Message);
    }
}
