using System;
using LowBit.Data;
using LowBit.Quantization.Training;

namespace LowBit.Quantization.Tests.Export;

/// <summary>The bundled MNIST split as tensors, loaded once for the training tests.</summary>
public sealed class MnistFixture : IDisposable
{
    public MnistFixture()
    {
        var split = BundledMnist.Split();
        Train = ImageBatch.FromMnist(split.Train);
        Test = ImageBatch.FromMnist(split.Test);
    }

    public ImageBatch Train { get; }

    public ImageBatch Test { get; }

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
