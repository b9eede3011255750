using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using LowBit.Quantization.Quantizers;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Training;

/// <summary>
/// Plain supervised training with cross-entropy (plus the bit budget's penalty, if any) and Adam on a
/// cosine schedule; learned bitwidths are settled before the last epoch. Every step runs inside
/// its own dispose scope, so tensor memory stays flat across epochs (without it, a DSQ run here grew to
/// 16 GB in 3 epochs). With a checkpoint path every finished epoch is saved, and a resumed run replays the
/// finished epochs' shuffles from the seed, so it ends with the same weights as an uninterrupted one.
/// </summary>
public static class Trainer
{
    public static IReadOnlyList<EpochReport> Train(nn.Module<Tensor, Tensor> model, ImageBatch data, TrainingOptions options, Action<EpochReport>? onEpoch = null)
    {
        set_num_threads(options.Threads);
        var device = TrainingDevice.Resolve(options.Device);
        model.to(device);
        var generator = new Generator((ulong)options.Seed);
        using var optimizer = optim.Adam(model.parameters(), options.LearningRate);
        options.Budget?.Validate(model);
        var finished = StartingPoint(model, optimizer, options);
        if (finished == 0)
        {
            if (options.StartFrom is not null)
            {
                PretrainedStart.CopyInto(options.StartFrom, model);
            }

            options.Budget?.StartAtBudget(model);
        }

        var reports = new List<EpochReport>();
        var count = data.Count;
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            using var order = randperm(count, generator: generator);
            if (epoch <= finished)
            {
                continue;
            }

            SetLearningRate(optimizer, options.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / options.Epochs)));
            if (epoch == options.Epochs && epoch > 1)
            {
                SettlePrecision(model, options.Budget);
            }

            model.train();
            foreach (var scheduled in model.modules().OfType<IEpochScheduled>())
            {
                scheduled.BeginEpoch(epoch, options.Epochs);
            }

            var clock = Stopwatch.StartNew();
            double lossSum = 0;
            long correct = 0;
            int batches = (int)((count + options.BatchSize - 1) / options.BatchSize);
            int batch = 0;
            for (long start = 0; start < count; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var index = order.narrow(0, start, Math.Min(options.BatchSize, count - start));
                var images = data.Images.index_select(0, index).to(device);
                var labels = data.Labels.index_select(0, index).to(device);
                optimizer.zero_grad();
                var logits = model.call(images);
                var taskLoss = nn.functional.cross_entropy(logits, labels);
                var loss = options.Budget is null ? taskLoss : taskLoss + options.Budget.Penalty(model);
                loss.backward();
                optimizer.step();
                lossSum += taskLoss.item<float>() * index.shape[0];
                correct += logits.argmax(1).eq(labels).sum().item<long>();
                long done = start + index.shape[0];
                options.OnBatch?.Invoke(new BatchProgress(epoch, options.Epochs, ++batch, batches, done, count, lossSum / done, clock.Elapsed));
            }

            var report = new EpochReport(epoch, options.Epochs, lossSum / count, (double)correct / count, clock.Elapsed, Environment.WorkingSet, BitBudget.AverageBits(model));
            reports.Add(report);
            if (options.CheckpointPath is not null)
            {
                TrainingCheckpoint.Save(options.CheckpointPath, model, optimizer, epoch, options);
            }

            onEpoch?.Invoke(report);
        }

        options.Budget?.Enforce(model);
        if (options.BatchNormRecalibrationImages > 0)
        {
            // Evenly spaced: the bundled digits are sorted by label, and statistics of the first images alone
            // would describe zeros and ones only.
            using var sample = data.EvenlySpaced(options.BatchNormRecalibrationImages);
            BatchNormRecalibration.Run(model, sample.Images, sample.Count, options.BatchSize, device);
        }

        model.to(CPU);
        model.eval();
        return reports;
    }

    /// <summary>The number of epochs already finished: those of the checkpoint when resuming, else 0.</summary>
    private static int StartingPoint(nn.Module model, TorchSharp.Modules.OptimizerHelper optimizer, TrainingOptions options)
    {
        if (!options.Resume)
        {
            return 0;
        }

        if (options.CheckpointPath is null)
        {
            throw new ArgumentException("resuming needs TrainingOptions.CheckpointPath (lowbit train: --checkpoint)");
        }

        return TrainingCheckpoint.Load(options.CheckpointPath, model, optimizer, options);
    }

    /// <summary>Predicted classes in eval mode.</summary>
    public static long[] Predict(nn.Module<Tensor, Tensor> model, Tensor images, int batchSize = 128)
    {
        model.eval();
        var count = images.shape[0];
        var predictions = new long[count];
        using var _ = no_grad();
        for (long start = 0; start < count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(batchSize, count - start);
            var batch = model.call(images.narrow(0, start, length)).argmax(1).data<long>().ToArray();
            Array.Copy(batch, 0, predictions, start, length);
        }

        return predictions;
    }

    public static double Accuracy(nn.Module<Tensor, Tensor> model, ImageBatch data)
    {
        var predictions = Predict(model, data.Images);
        var labels = data.Labels.data<long>().ToArray();
        var correct = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            correct += predictions[i] == labels[i] ? 1 : 0;
        }

        return (double)correct / labels.Length;
    }

    /// <summary>Before the last epoch, methods that learn their bitwidth stop: the budget is enforced and
    /// the precision frozen, so the last epoch fine-tunes exactly the model that will be exported (CPQ
    /// would otherwise keep dropping bits at random, and the budget's projection would come after training).</summary>
    private static void SettlePrecision(nn.Module<Tensor, Tensor> model, BitBudget? budget)
    {
        budget?.Enforce(model);
        foreach (var learned in model.modules().OfType<ILearnedPrecision>())
        {
            learned.FreezePrecision();
        }
    }

    private static void SetLearningRate(optim.Optimizer optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }
    }
}
