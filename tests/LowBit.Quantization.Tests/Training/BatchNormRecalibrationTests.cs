using System.Linq;
using LowBit.Quantization.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Training;

public sealed class BatchNormRecalibrationTests
{
    [Fact]
    public void Running_statistics_become_the_average_over_the_images_of_the_finished_network()
    {
        TorchSession.Seed(3);
        var conv = nn.Conv2d(1, 4, 3, bias: false);
        var norm = nn.BatchNorm2d(4);
        var model = nn.Sequential(("conv", conv), ("bn", norm));
        using (no_grad())
        {
            norm.running_mean!.fill_(5f);
            norm.running_var!.fill_(7f);
        }

        using var images = rand(256, 1, 8, 8) * 3 + 1;

        BatchNormRecalibration.Run(model, images, count: 256, batchSize: 64, CPU);

        using var features = conv.call(images).detach();
        using var batchMeans = stack(Enumerable.Range(0, 4).Select(b => features.narrow(0, b * 64, 64).mean(new long[] { 0, 2, 3 })).ToArray());
        using var batchVariances = stack(Enumerable.Range(0, 4).Select(b => features.narrow(0, b * 64, 64).var(new long[] { 0, 2, 3 }, unbiased: true)).ToArray());
        Assert.True(norm.running_mean!.allclose(batchMeans.mean(new long[] { 0 }), rtol: 1e-5, atol: 1e-6));
        Assert.True(norm.running_var!.allclose(batchVariances.mean(new long[] { 0 }), rtol: 1e-5, atol: 1e-6));
        Assert.False(model.training);
        Assert.Equal(0.1, norm.momentum);
    }

    [Fact]
    public void No_images_leaves_the_running_statistics_alone()
    {
        var norm = nn.BatchNorm2d(2);
        var model = nn.Sequential(("bn", norm));
        using (no_grad())
        {
            norm.running_mean!.fill_(5f);
        }

        using var images = rand(8, 2, 4, 4);

        BatchNormRecalibration.Run(model, images, count: 0, batchSize: 4, CPU);

        Assert.Equal(5f, norm.running_mean!.mean().item<float>());
    }
}
