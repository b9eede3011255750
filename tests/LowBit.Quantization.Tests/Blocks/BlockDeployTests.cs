using LowBit.Quantization.Modules;
using LowBit.Quantization.Modules.Zoo;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Tests.Export;
using System.Linq;
using LowBit.Quantization.Training;
using TorchSharp;

namespace LowBit.Quantization.Tests.Blocks;

/// <summary>
/// Each building block, trained briefly inside a tiny network, exports to a manifest that the reference
/// interpreter runs with ≥ 99.5 % argmax agreement with the TorchSharp model on held-out digits, and whose
/// integer simulation is bit-exact with the interpreter.
/// </summary>
public sealed class BlockDeployTests : IClassFixture<MnistFixture>
{
    private readonly MnistFixture _mnist;

    public BlockDeployTests(MnistFixture mnist) => _mnist = mnist;

    public static TheoryData<string> Methods() => new(QuantizationMethod.All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Methods))]
    public void BasicBlockWithProjectionShortcutDeploysFaithfully(string method)
    {
        TorchSession.Seed(21);
        var model = BlockHarness.Around(BlockHarness.Layers(method), l => BasicBlock.Create(l, "block", BlockHarness.Channels, 24, stride: 2), outChannels: 24);

        var result = BlockHarness.TrainAndCheck(model, _mnist, seed: 21);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void BasicBlockWithIdentityShortcutDeploysFaithfully()
    {
        TorchSession.Seed(22);
        var model = BlockHarness.Around(BlockHarness.Layers("lsq", "W4A4"), l => BasicBlock.Create(l, "block", BlockHarness.Channels, BlockHarness.Channels, stride: 1));

        var result = BlockHarness.TrainAndCheck(model, _mnist, seed: 22);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void InvertedResidualWithItsAddDeploysFaithfully()
    {
        TorchSession.Seed(23);
        var model = BlockHarness.Around(BlockHarness.Layers("dsq", "W4A4"), l => InvertedResidual.Create(l, "block", BlockHarness.Channels, BlockHarness.Channels, stride: 1, expansion: 3));

        var result = BlockHarness.TrainAndCheck(model, _mnist, seed: 23);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void StridedInvertedResidualWithoutAddDeploysFaithfully()
    {
        TorchSession.Seed(24);
        var model = BlockHarness.Around(BlockHarness.Layers("ddq", "W4A4"), l => InvertedResidual.Create(l, "block", BlockHarness.Channels, 24, stride: 2, expansion: 2), outChannels: 24);

        var result = BlockHarness.TrainAndCheck(model, _mnist, seed: 24);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void AveragePoolingOfLevelsDeploysFaithfully()
    {
        TorchSession.Seed(25);
        var layers = BlockHarness.Layers("stqn", "W2A2");
        var model = BlockHarness.Around(layers, l =>
        {
            var unit = l.ConvUnit("pooled", BlockHarness.Channels, BlockHarness.Channels, 3);
            unit.append("pool", new QAvgPool2d((QActivation)unit[2], kernel: 3, stride: 2, padding: 1));
            return unit;
        });

        var result = BlockHarness.TrainAndCheck(model, _mnist, seed: 25);

        Assert.True(result.Passed, result.ToString());
    }
}
