using System;

namespace LowBit.Quantization.Training;

/// <summary>Where training is within an epoch, after a batch: enough for a live progress bar.</summary>
/// <param name="Batch">Batches done in this epoch (1-based count).</param>
/// <param name="Samples">Samples done in this epoch, of <paramref name="SampleCount"/>.</param>
/// <param name="Loss">Mean task loss over this epoch's samples so far.</param>
/// <param name="Elapsed">Time since the epoch started.</param>
public sealed record BatchProgress(int Epoch, int Epochs, int Batch, int Batches, long Samples, long SampleCount, double Loss, TimeSpan Elapsed);
