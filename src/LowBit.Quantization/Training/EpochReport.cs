using System;

namespace LowBit.Quantization.Training;

/// <summary>One finished epoch: mean training loss, training accuracy over the epoch's batches, wall time,
/// the process's resident memory at its end (flat from epoch to epoch when no tensor leaks), and the
/// model's average weight bitwidth (it moves when the method learns bitwidths).</summary>
public sealed record EpochReport(int Epoch, int Epochs, double Loss, double TrainAccuracy, TimeSpan Duration, long WorkingSetBytes, double AverageWeightBits);
