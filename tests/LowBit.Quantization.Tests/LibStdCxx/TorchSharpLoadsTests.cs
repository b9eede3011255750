using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.LibStdCxx;

public sealed class TorchSharpLoadsTests
{
    [Fact]
    public void TheNativeBackendLoadsAndComputesWithGradients()
    {
        using var x = tensor(new float[] { 1, 2, 3 }, requires_grad: true);
        using var y = (x * x).sum();
        y.backward();

        Assert.Equal(14f, y.item<float>());
        Assert.Equal(new float[] { 2, 4, 6 }, x.grad!.data<float>().ToArray());
    }
}
