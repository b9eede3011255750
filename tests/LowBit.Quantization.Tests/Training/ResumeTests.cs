using System;
using System.IO;
using System.Linq;
using LowBit.Quantization.Modules;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Tests.Export;
using LowBit.Quantization.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Training;

/// <summary>A run stopped after an epoch and resumed from its checkpoint ends with exactly the weights of
/// an uninterrupted run with the same seed; a CUDA request on this CPU-only build fails clearly.</summary>
public sealed class ResumeTests : IClassFixture<MnistFixture>, IDisposable
{
    private readonly MnistFixture _mnist;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "lowbit-resume-" + Guid.NewGuid().ToString("N"));

    public ResumeTests(MnistFixture mnist) => _mnist = mnist;

    [Theory]
    [InlineData("dsq")]
    [InlineData("cpq")]
    public void AResumedRunEndsWithTheWeightsOfAnUninterruptedOne(string method)
    {
        using var few = _mnist.Train.EvenlySpaced(192);
        var options = new TrainingOptions { Epochs = 3, Seed = 7 };
        var uninterrupted = Build(method, options.Seed);
        Trainer.Train(uninterrupted, few, options);

        var path = Path.Combine(_directory, method + ".ckpt");
        var stopped = Build(method, options.Seed);
        Assert.Throws<OperationCanceledException>(() => Trainer.Train(stopped, few, options with { CheckpointPath = path }, r =>
        {
            if (r.Epoch == 1)
            {
                throw new OperationCanceledException("stopped after epoch 1");
            }
        }));
        var resumed = Build(method, seed: 99); // different initial weights: everything must come from the checkpoint
        var reports = Trainer.Train(resumed, few, options with { CheckpointPath = path, Resume = true });

        Assert.Equal(new[] { 2, 3 }, reports.Select(r => r.Epoch));
        var expected = uninterrupted.state_dict();
        foreach (var (name, value) in resumed.state_dict())
        {
            Assert.True(value.to_type(ScalarType.Float64).eq(expected[name].to_type(ScalarType.Float64)).all().item<bool>(), $"{method}: {name} differs after resuming");
        }
    }

    [Fact]
    public void ACudaRequestGivesTheGpuOrAClearErrorWithoutOne()
    {
        if (cuda.is_available())
        {
            Assert.Equal(TorchSharp.DeviceType.CUDA, TrainingDevice.Resolve("cuda").type);
            return;
        }

        var error = Assert.Throws<ArgumentException>(() => TrainingDevice.Resolve("cuda"));

        Assert.Contains("CUDA is not available", error.Message);
        Assert.Contains("--device cpu", error.Message);
    }

    [Fact]
    public void AnUnknownDeviceIsRefused() =>
        Assert.Contains("expected cpu, cuda or cuda:N", Assert.Throws<ArgumentException>(() => TrainingDevice.Resolve("tpu")).Message);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static Sequential Build(string method, int seed)
    {
        TorchSession.Seed(seed);
        return MnistCnn.Quantized(QuantizationMethod.Parse(method), BitwidthPlan.Uniform(2, 2));
    }
}
