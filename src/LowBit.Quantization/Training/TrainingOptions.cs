using System;

namespace LowBit.Quantization.Training;

/// <summary>How to train. Defaults fit 2 CPU cores: a few epochs of Adam with a cosine schedule.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 3;

    public int BatchSize { get; init; } = 64;

    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Seeds weight initialisation (call <see cref="TorchSession.Seed"/> before building the
    /// model) and the shuffling order.</summary>
    public int Seed { get; init; } = 1;

    public int Threads { get; init; } = 2;

    /// <summary>Average weight bitwidth to stay within (for methods that learn their bitwidth: CPQ, DDQ);
    /// null for none.</summary>
    public BitBudget? Budget { get; init; }

    /// <summary>After training, BatchNorm statistics are re-estimated (see <see cref="BatchNormRecalibration"/>)
    /// from this many training images, evenly spaced; 0 keeps the running statistics of training.</summary>
    public int BatchNormRecalibrationImages { get; init; } = 2048;

    /// <summary>Fine-tune: start from this trained float network of the same architecture
    /// (<see cref="PretrainedStart"/>) instead of a random initialisation; null to train from scratch.</summary>
    public TorchSharp.torch.nn.Module? StartFrom { get; init; }

    /// <summary>Called after every training batch (for progress displays); null for none.</summary>
    public Action<BatchProgress>? OnBatch { get; init; }

    /// <summary><c>cpu</c> or <c>cuda</c> (see <see cref="TrainingDevice"/>); the trained model is returned on the CPU.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Where to write a <see cref="TrainingCheckpoint"/> after every epoch; null for none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Continue from the checkpoint at <see cref="CheckpointPath"/> (a fresh start when there is none yet).</summary>
    public bool Resume { get; init; }
}
