using LowBit.Manifest;
using LowBit.Quantization.Quantizers;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Quantizers;

public sealed class SteTests
{
    [Fact]
    public void TwoBitWeightsAreTernaryAndOneBitWeightsBinary()
    {
        Assert.Equal(WeightEncoding.Ternary, new SteWeightQuantizer(2).Grid.Encoding);
        Assert.Equal(WeightEncoding.Binary, new SteWeightQuantizer(1).Grid.Encoding);
        Assert.Equal(new WeightGrid(4, -7, 7), new SteWeightQuantizer(4).Grid);
    }

    [Fact]
    public void ActivationGradientIsOneInsideTheClipRangeAndZeroOutside()
    {
        var quantizer = new SteActivationQuantizer(2);
        quantizer.train();
        using var x = tensor(new[] { -0.5f, 0.1f, 0.5f, 0.9f, 1.5f }).requires_grad_();

        quantizer.call(x).sum().backward();

        Assert.Equal(new float[] { 0, 1, 1, 1, 0 }, TensorAssert.Values(x.grad!));
    }

    [Fact]
    public void WeightsUseTheWholeSymmetricRangeAfterTanhNormalisation()
    {
        var quantizer = new SteWeightQuantizer(3);
        using var weight = tensor(new[] { -2f, -0.3f, 0f, 0.05f, 2f });

        var (codes, scale) = quantizer.Encode(weight);

        Assert.Equal(new float[] { -3, -1, 0, 0, 3 }, TensorAssert.Values(codes));
        Assert.Equal(1.0 / 3, scale.item<float>(), 6);
    }
}
