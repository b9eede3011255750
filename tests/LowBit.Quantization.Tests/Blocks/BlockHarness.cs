using LowBit.Manifest;
using LowBit.Quantization.Export;
using LowBit.Quantization.Modules;
using LowBit.Quantization.Modules.Zoo;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Simulation;
using LowBit.Quantization.Tests.Export;
using LowBit.Quantization.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Blocks;

/// <summary>
/// Tiny networks around one building block — 8-bit input, a stride-2 stem to 8 channels at 14×14, the
/// block, global average pooling and a linear classifier — trained briefly on a few hundred digits so BatchNorm
/// statistics and learned ranges are realistic, then exported and deploy-checked on held-out digits.
/// </summary>
internal static class BlockHarness
{
    public const int Channels = 16;

    public static Sequential Around(LayerFactory layers, System.Func<LayerFactory, nn.Module<Tensor, Tensor>> block, int outChannels = Channels, bool signedBlockOutput = false)
    {
        var model = nn.Sequential(("input", new QInput(8, MnistCnn.InputScale)), ("stem", layers.ConvUnit("stem", 1, Channels, 3, stride: 2)));
        model.append("block", block(layers));
        var tail = layers.ConvUnit("tail", outChannels, Channels, 1);
        model.append("tail", tail);
        model.append("pool", layers.GlobalAvgPool(tail[2]));
        model.append("flatten", nn.Flatten());
        model.append("fc", layers.Linear("fc", Channels, 10));
        return model;
    }

    public static DeployCheckResult TrainAndCheck(Sequential model, MnistFixture mnist, int seed, int trainImages = 384, int testImages = 1000)
    {
        using (var few = mnist.Train.EvenlySpaced(trainImages))
        {
            Trainer.Train(model, few, new TrainingOptions { Epochs = 1, Seed = seed });
        }

        var manifest = ManifestExporter.Export(model, "block", TensorShape.Chw(1, 28, 28));
        using var heldOut = mnist.Test.EvenlySpaced(testImages);
        return DeployCheck.Run(model, manifest, heldOut);
    }

    public static LayerFactory Layers(string method, string bits = "W2A2") => new(QuantizationMethod.Parse(method), BitwidthPlan.Parse(bits));
}
