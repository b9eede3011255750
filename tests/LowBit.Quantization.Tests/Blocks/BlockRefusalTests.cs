using LowBit.Manifest;
using LowBit.Quantization.Export;
using LowBit.Quantization.Modules;
using LowBit.Quantization.Quantizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Blocks;

/// <summary>Residual and pooling graphs the integer network cannot express are refused, naming the module
/// and saying what is accepted.</summary>
public sealed class BlockRefusalTests
{
    private static readonly TensorShape Image = TensorShape.Chw(1, 8, 8);

    [Fact]
    public void AFloatJoinIsRefused() =>
        AssertRefused(Model(new QResidual(Unit(4, 4, signed: true), null, nn.ReLU())), "block.join", "must be a QActivation");

    [Fact]
    public void ABodyEndingInAFloatOutputIsRefused() =>
        AssertRefused(Model(new QResidual(nn.Sequential(("conv", Conv(4, 4))), null, Act(signed: false))), "block.body", "must end in quantized levels");

    [Fact]
    public void ABodyThatChangesTheShapeNeedsAProjectionShortcut() =>
        AssertRefused(Model(new QResidual(Unit(4, 6, signed: true), null, Act(signed: false))), "block", "the body gives [6, 8, 8] but the identity shortcut gives [4, 8, 8]");

    [Fact]
    public void FloatAveragePoolingIsRefused() =>
        AssertRefused(Model(nn.AdaptiveAvgPool2d(1)), "block", "use QAvgPool2d or QGlobalAvgPool");

    [Fact]
    public void PoolingLevelsOfAnotherActivationIsRefused() =>
        AssertRefused(Model(new QGlobalAvgPool(new QActivation(new SteActivationQuantizer(4)))), "block", "its source activation has step");

    [Fact]
    public void ALayerAfterTheFloatOutputIsRefused()
    {
        var model = nn.Sequential(("input", new QInput(8, 1 / 255f)), ("conv", Conv(1, 4)), ("flatten", nn.Flatten()));

        var error = Assert.Throws<ExportException>(() => ManifestExporter.Export(model, "refused", Image));

        Assert.Equal("conv", error.ModulePath);
    }

    /// <summary>input → stem (4 channels, unsigned levels of a known step) → the module under test → head.</summary>
    private static Sequential Model(nn.Module<Tensor, Tensor> block) => nn.Sequential(
        ("input", new QInput(8, 1 / 255f)),
        ("stem", Unit(1, 4, signed: false)),
        ("block", block),
        ("flatten", nn.Flatten()),
        ("fc", new QLinear(4 * 8 * 8, 10, new LsqWeightQuantizer(2))));

    private static Sequential Unit(int inChannels, int outChannels, bool signed) =>
        nn.Sequential(("conv", Conv(inChannels, outChannels)), ("act", Act(signed)));

    private static QConv2d Conv(int inChannels, int outChannels) => new(inChannels, outChannels, 3, new SteWeightQuantizer(2), padding: 1);

    private static QActivation Act(bool signed) =>
        new(signed ? new SignedActivationQuantizer(new SteActivationQuantizer(2)) : new SteActivationQuantizer(2));

    private static void AssertRefused(Sequential model, string module, string expected)
    {
        var error = Assert.Throws<ExportException>(() => ManifestExporter.Export(model, "refused", Image));

        Assert.Equal(module, error.ModulePath);
        Assert.Contains(expected, error.Message);
    }
}
