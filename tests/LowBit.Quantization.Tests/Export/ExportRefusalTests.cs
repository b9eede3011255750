using LowBit.Manifest;
using LowBit.Quantization.Export;
using LowBit.Quantization.Modules;
using LowBit.Quantization.Quantizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Export;

/// <summary>Graphs the integer network cannot express are refused with the module's name and what
/// would be accepted — never exported into a silently different model.</summary>
public sealed class ExportRefusalTests
{
    private static readonly TensorShape Image = TensorShape.Chw(1, 8, 8);

    [Fact]
    public void AModelWithoutAnInputQuantizerIsRefused() =>
        AssertRefused(nn.Sequential(("conv", Conv(1, 4))), "conv", "must start with a QInput");

    [Fact]
    public void AFloatConvolutionIsRefused() =>
        AssertRefused(nn.Sequential(("input", Input()), ("conv", nn.Conv2d(1, 4, 3))), "conv", "Conv2d cannot run in the integer network");

    [Fact]
    public void AnUnsupportedActivationFunctionIsRefused() =>
        AssertRefused(nn.Sequential(("input", Input()), ("conv", Conv(1, 4)), ("squash", nn.Tanh())), "conv", "found squash (Tanh)");

    [Fact]
    public void AnActivationQuantizerWithNoLayerBeforeItIsRefused() =>
        AssertRefused(nn.Sequential(("input", Input()), ("act", Act())), "act", "must directly follow a QConv2d or QLinear");

    [Fact]
    public void AHiddenLayerWithoutActivationQuantizerIsRefused() =>
        AssertRefused(nn.Sequential(("input", Input()), ("conv", Conv(1, 4)), ("pool", nn.MaxPool2d(2))), "conv", "expected [BatchNorm] [ReLU] QActivation");

    [Fact]
    public void TheWrongBatchNormForTheLayerIsRefused() =>
        AssertRefused(nn.Sequential(("input", Input()), ("conv", Conv(1, 4)), ("bn", nn.BatchNorm1d(4)), ("act", Act())), "bn", "expected BatchNorm2d");

    [Fact]
    public void ALinearLayerOnAFeatureMapIsRefused() =>
        AssertRefused(nn.Sequential(("input", Input()), ("fc", new QLinear(64, 10, new LsqWeightQuantizer(2)))), "fc", "add a Flatten before it");

    [Fact]
    public void AModelThatDoesNotEndInALayerIsRefused() =>
        AssertRefused(nn.Sequential(("input", Input()), ("conv", Conv(1, 4)), ("act", Act()), ("pool", nn.MaxPool2d(2))), "pool", "must end with a QConv2d or QLinear");

    [Fact]
    public void CeilModePoolingIsRefused() =>
        AssertRefused(nn.Sequential(("input", Input()), ("conv", Conv(1, 4)), ("act", Act()), ("pool", nn.MaxPool2d(3, 2, ceil_mode: true)), ("out", Conv(4, 2))), "pool", "ceil_mode");

    [Fact]
    public void AMismatchedChannelCountIsRefused() =>
        AssertRefused(nn.Sequential(("input", Input()), ("conv", Conv(3, 4))), "conv", "QConv2d expects [3, H, W] input, found [1, 8, 8]");

    private static void AssertRefused(Sequential model, string module, string expected)
    {
        var error = Assert.Throws<ExportException>(() => ManifestExporter.Export(model, "refused", Image));

        Assert.Equal(module, error.ModulePath);
        Assert.Contains(expected, error.Message);
    }

    private static QInput Input() => new(8, 1 / 255f);

    private static QConv2d Conv(int inChannels, int outChannels) => new(inChannels, outChannels, 3, new DsqWeightQuantizer(2), padding: 1);

    private static QActivation Act() => new(new LsqActivationQuantizer(2));
}
