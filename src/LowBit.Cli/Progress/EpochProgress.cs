using System.Globalization;
using LowBit.Quantization.Training;

namespace LowBit.Cli.Progress;

/// <summary>What a training progress line says besides the bar: the batch and the epoch's running loss.</summary>
public static class EpochProgress
{
    public static string Detail(BatchProgress batch) =>
        string.Create(CultureInfo.InvariantCulture, $"batch {batch.Batch}/{batch.Batches}, loss {batch.Loss:F4}");
}
