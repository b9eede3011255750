using System;
using System.Linq;
using LowBit.Quantization.Modules.Zoo;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Tests.Export;
using LowBit.Quantization.Training;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Training;

/// <summary>Fine-tuning starts a quantized network from a trained float one: every float tensor is copied,
/// and a network of another architecture is refused by name.</summary>
public sealed class PretrainedStartTests : IClassFixture<MnistFixture>
{
    private readonly MnistFixture _mnist;

    public PretrainedStartTests(MnistFixture mnist) => _mnist = mnist;

    [Fact]
    public void AFineTunedRunStartsFromTheFloatWeightsNotItsOwnInitialisation()
    {
        TorchSession.Seed(14);
        var pretrained = ModelZoo.Create(ModelZoo.MnistCnnName, null, BitwidthPlan.Uniform(4, 4));
        TorchSession.Seed(15);
        var tuned = ModelZoo.Create(ModelZoo.MnistCnnName, QuantizationMethod.Lsq, BitwidthPlan.Uniform(4, 4));
        using var few = _mnist.Train.EvenlySpaced(64);

        // A learning rate of 0 leaves the weights where training started.
        Trainer.Train(tuned, few, new TrainingOptions { Epochs = 1, LearningRate = 0, StartFrom = pretrained, BatchNormRecalibrationImages = 0 });

        var start = pretrained.state_dict();
        Assert.All(tuned.state_dict().Where(e => e.Key.EndsWith(".weight", StringComparison.Ordinal) && start.ContainsKey(e.Key)), e =>
            Assert.True(e.Value.eq(start[e.Key]).all().item<bool>(), $"{e.Key} is not the pretrained weight"));
    }

    [Fact]
    public void SoftThresholdBranchesAreShuffledFromThePretrainedWeight()
    {
        TorchSession.Seed(16);
        var pretrained = ModelZoo.Create(ModelZoo.MnistCnnName, null, BitwidthPlan.Uniform(3, 3));
        var quantized = ModelZoo.Create(ModelZoo.MnistCnnName, QuantizationMethod.Parse("stqn"), BitwidthPlan.Uniform(3, 3));

        PretrainedStart.CopyInto(pretrained, quantized);

        var weights = pretrained.state_dict();
        var branchSets = quantized.named_parameters().Where(p => p.name.EndsWith("branches", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(branchSets);
        foreach (var (name, branches) in branchSets)
        {
            var layer = name[..name.IndexOf(".quantizer", StringComparison.Ordinal)];
            var sorted = weights[layer + ".weight"].reshape(-1).sort().Values;
            for (var i = 0; i < branches.shape[0]; i++)
            {
                Assert.True(branches[i].reshape(-1).sort().Values.eq(sorted).all().item<bool>(), $"{name}[{i}] is not a shuffle of the pretrained {layer}.weight");
            }
        }
    }

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

    [Fact]
    public void ARefusedCopyLeavesTheTargetAsItWas()
    {
        using var source = nn.Sequential(("0", nn.Linear(2, 2)), ("1", nn.Linear(2, 3)));
        using var target = nn.Sequential(("0", nn.Linear(2, 2)), ("1", nn.Linear(2, 4)));
        var before = target.state_dict()["0.weight"].clone();

        var error = Assert.Throws<ArgumentException>(() => PretrainedStart.CopyInto(source, target));

        Assert.Contains("\"1.weight\" is [3, 2] in the pretrained network but [4, 2]", error.Message);
        Assert.True(before.eq(target.state_dict()["0.weight"]).all().item<bool>(), "the matching first layer was copied before the refusal");
    }
}
