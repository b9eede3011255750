using System;

namespace LowBit.Quantization.Training;

/// <summary>One finished epoch: mean training loss, training accuracy over the epoch's batches, wall time,
/// and the process's resident memory at its end (flat from epoch to epoch when no tensor leaks).</summary>
public sealed record EpochReport(int Epoch, int Epochs, double Loss, double TrainAccuracy, TimeSpan Duration, long WorkingSetBytes);
