using System.Collections.Generic;
using LowBit.Manifest;
using LowBit.Quantization.Export;
using LowBit.Quantization.Modules;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Simulation;
using LowBit.Quantization.Training;
using LowBit.Runtime;

namespace LowBit.Quantization.Tests.Export;

/// <summary>
/// Train → export → deploy on the bundled MNIST data: on the held-out 2,000 digits the interpreter agrees
/// with the TorchSharp model on ≥ 99.5 % of argmax predictions, the accuracies differ by ≤ 0.2 points, and
/// the TorchSharp integer simulation reproduces the interpreter's outputs bit for bit.
/// </summary>
public sealed class DeployCheckTests : IClassFixture<MnistFixture>
{
    private readonly MnistFixture _mnist;

    public DeployCheckTests(MnistFixture mnist) => _mnist = mnist;

    [Fact]
    public void DsqAtW2A2DeploysFaithfully()
    {
        TorchSession.Seed(1);
        var model = MnistCnn.Quantized(QuantizationMethod.Dsq, BitwidthPlan.Uniform(2, 2));
        Trainer.Train(model, _mnist.Train, new TrainingOptions { Epochs = 1 });

        var manifest = ManifestExporter.Export(model, "mnist-dsq-w2a2", TensorShape.Chw(1, 28, 28));
        var result = DeployCheck.Run(model, manifest, _mnist.Test);

        Assert.True(result.Passed, result.ToString());
        Assert.True(result.ManifestAccuracy > 0.9, $"a W2A2 CNN should pass 90 % after one epoch: {result}");
    }

    [Fact]
    public void MixedPrecisionLsqDeploysFaithfullyAndKeepsEachLayersBits()
    {
        TorchSession.Seed(2);
        var plan = new BitwidthPlan(new LayerBits(2, 2), new Dictionary<string, LayerBits> { ["conv1"] = new(8, 4), ["fc2"] = new(4, 2) });
        var model = MnistCnn.Quantized(QuantizationMethod.Lsq, plan);
        Trainer.Train(model, _mnist.Train, new TrainingOptions { Epochs = 1 });

        var manifest = ManifestExporter.Export(model, "mnist-lsq-mixed", TensorShape.Chw(1, 28, 28));
        var result = DeployCheck.Run(model, manifest, _mnist.Test);

        Assert.True(result.Passed, result.ToString());
        var conv1 = (Conv2dLayer)manifest.Layers[0];
        Assert.Equal(8, conv1.Weights.Bits);
        Assert.Equal(4, ((ThresholdRequantization)conv1.Requantize).Levels.Bits);
        Assert.Equal(4, ((LinearLayer)manifest.OutputLayer).Weights.Bits);
    }

    [Fact]
    public void TheExportedFileReadsBackToTheSameModel()
    {
        TorchSession.Seed(3);
        var model = MnistCnn.Quantized(QuantizationMethod.Ste, BitwidthPlan.Uniform(1, 1));
        using var few = _mnist.Train.EvenlySpaced(512);
        Trainer.Train(model, few, new TrainingOptions { Epochs = 1 });
        var manifest = ManifestExporter.Export(model, "mnist-ste-w1a1", TensorShape.Chw(1, 28, 28));

        var bytes = ManifestWriter.ToUtf8(manifest);
        var reread = ManifestReader.ReadBytes(bytes, "mnist-ste-w1a1.lbq");

        Assert.Equal(bytes, ManifestWriter.ToUtf8(reread));
        Assert.Equal(WeightEncoding.Binary, ((Conv2dLayer)reread.Layers[0]).Weights.Encoding);
        var pixels = _mnist.Test.Images.narrow(0, 0, 1).reshape(-1).data<float>().ToArray();
        Assert.Equal(new ReferenceInterpreter(manifest).Classify(pixels), new ReferenceInterpreter(reread).Classify(pixels));
    }

    [Fact]
    public void TrainingWithTheSameSeedExportsTheSameBytes()
    {
        byte[] TrainAndExport()
        {
            TorchSession.Seed(11);
            var model = MnistCnn.Quantized(QuantizationMethod.Dsq, BitwidthPlan.Uniform(2, 2));
            using var few = _mnist.Train.EvenlySpaced(256);
            Trainer.Train(model, few, new TrainingOptions { Epochs = 1, Seed = 11 });
            return ManifestWriter.ToUtf8(ManifestExporter.Export(model, "seeded", TensorShape.Chw(1, 28, 28)));
        }

        Assert.Equal(TrainAndExport(), TrainAndExport());
    }
}
