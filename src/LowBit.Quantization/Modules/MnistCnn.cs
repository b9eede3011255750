using LowBit.Quantization.Quantizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Modules;

/// <summary>
/// The small CNN used for MNIST examples and the accuracy study:
/// conv 3×3 16 → pool → conv 3×3 32 → pool → fc 64 → fc 10, BatchNorm after every hidden layer,
/// 8-bit input levels (pixel / 255). Layer names (conv1, conv2, fc1, fc2) are the keys of a
/// <see cref="BitwidthPlan"/>.
/// </summary>
public static class MnistCnn
{
    public static readonly string[] LayerNames = { "conv1", "conv2", "fc1", "fc2" };

    public const float InputScale = 1f / 255f;

    public static Sequential Quantized(QuantizationMethod method, BitwidthPlan bits)
    {
        bits.CheckLayers(LayerNames);
        QConv2d Conv(string name, int inC, int outC) => new(inC, outC, 3, method.CreateWeightQuantizer(bits.For(name).Weights), padding: 1);
        QActivation Act(string name) => new(method.CreateActivationQuantizer(bits.For(name).Activations));

        return nn.Sequential(
            ("input", new QInput(8, InputScale)),
            ("conv1", Conv("conv1", 1, 16)),
            ("bn1", nn.BatchNorm2d(16)),
            ("act1", Act("conv1")),
            ("pool1", nn.MaxPool2d(2)),
            ("conv2", Conv("conv2", 16, 32)),
            ("bn2", nn.BatchNorm2d(32)),
            ("act2", Act("conv2")),
            ("pool2", nn.MaxPool2d(2)),
            ("flatten", nn.Flatten()),
            ("fc1", new QLinear(32 * 7 * 7, 64, method.CreateWeightQuantizer(bits.For("fc1").Weights), bias: false)),
            ("bn3", nn.BatchNorm1d(64)),
            ("act3", Act("fc1")),
            ("fc2", new QLinear(64, 10, method.CreateWeightQuantizer(bits.For("fc2").Weights))));
    }

    /// <summary>The same architecture in float32, the baseline every method is compared with.</summary>
    public static Sequential Float() => nn.Sequential(
        ("conv1", nn.Conv2d(1, 16, 3, padding: 1, bias: false)),
        ("bn1", nn.BatchNorm2d(16)),
        ("relu1", nn.ReLU()),
        ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(16, 32, 3, padding: 1, bias: false)),
        ("bn2", nn.BatchNorm2d(32)),
        ("relu2", nn.ReLU()),
        ("pool2", nn.MaxPool2d(2)),
        ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(32 * 7 * 7, 64, hasBias: false)),
        ("bn3", nn.BatchNorm1d(64)),
        ("relu3", nn.ReLU()),
        ("fc2", nn.Linear(64, 10)));
}
