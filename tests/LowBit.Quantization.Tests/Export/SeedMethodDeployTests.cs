using System.Linq;
using LowBit.Manifest;
using LowBit.Quantization.Export;
using LowBit.Quantization.Modules;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Simulation;
using LowBit.Quantization.Training;

namespace LowBit.Quantization.Tests.Export;

/// <summary>
/// Quantization Networks, STTN/STQN, CPQ and DDQ each train, export and deploy faithfully on the bundled
/// MNIST digits; CPQ and DDQ, given a bit budget, export learned per-layer bitwidths within it.
/// One short epoch on 4,000 digits (every other one) keeps these in the suite's time budget.
/// </summary>
public sealed class SeedMethodDeployTests : IClassFixture<MnistFixture>
{
    private readonly MnistFixture _mnist;

    public SeedMethodDeployTests(MnistFixture mnist) => _mnist = mnist;

    [Theory]
    [InlineData("qn")]
    [InlineData("sttn")]
    [InlineData("cpq")]
    [InlineData("ddq")]
    public void EachMethodDeploysFaithfullyAtW2A2(string method)
    {
        TorchSession.Seed(21);
        var model = MnistCnn.Quantized(QuantizationMethod.Parse(method), BitwidthPlan.Uniform(2, 2));
        using var half = Half();
        // QN's temperature rises per epoch (T = 5·epoch); after one epoch its soft training forward is still
        // far from the hard step it deploys, which is the paper's point about annealing.
        Trainer.Train(model, half, new TrainingOptions { Epochs = method == "qn" ? 3 : 1 });

        var manifest = ManifestExporter.Export(model, $"mnist-{method}-w2a2", TensorShape.Chw(1, 28, 28));
        var result = DeployCheck.Run(model, manifest, _mnist.Test);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result.ManifestAccuracy > 0.85, $"{method} W2A2 should pass 85 % after one short epoch: {result}");
        if (method == "sttn")
        {
            Assert.All(manifest.Layers.OfType<Conv2dLayer>(), conv => Assert.Equal(WeightEncoding.Ternary, conv.Weights.Encoding));
        }
    }

    [Theory]
    [InlineData("cpq")]
    [InlineData("ddq")]
    public void ABitBudgetIsHonouredInTheExport(string method)
    {
        TorchSession.Seed(22);
        var model = MnistCnn.Quantized(QuantizationMethod.Parse(method), BitwidthPlan.Uniform(4, 2));
        using var half = Half();
        Trainer.Train(model, half, new TrainingOptions { Epochs = 1, Budget = new BitBudget(2.5) });

        var manifest = ManifestExporter.Export(model, $"mnist-{method}-budget", TensorShape.Chw(1, 28, 28));

        var weights = manifest.Layers.Select(l => l switch
        {
            Conv2dLayer c => (c.WeightCount, c.Weights.Bits),
            LinearLayer f => (f.WeightCount, f.Weights.Bits),
            _ => (0L, 0),
        }).Where(w => w.Item1 > 0).ToList();
        var average = weights.Sum(w => (double)w.Item1 * w.Item2) / weights.Sum(w => (double)w.Item1);
        Assert.True(average <= 2.5, $"average exported weight bits {average:F3} exceed the budget 2.5 ({string.Join(", ", weights.Select(w => w.Item2))})");
        Assert.Equal(BitBudget.AverageBits(model), average, 9);
        var result = DeployCheck.Run(model, manifest, _mnist.Test);
        Assert.True(result.Passed, result.ToString());
    }

    /// <summary>Every other training digit (the bundled set is sorted by class, so a prefix would not do).</summary>
    private ImageBatch Half()
    {
        using var every2nd = TorchSharp.torch.arange(0, _mnist.Train.Count, 2);
        return new(_mnist.Train.Images.index_select(0, every2nd), _mnist.Train.Labels.index_select(0, every2nd));
    }
}
