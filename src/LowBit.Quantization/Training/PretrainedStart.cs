using System;
using System.Linq;
using LowBit.Quantization.Quantizers;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Training;

/// <summary>
/// Starts a quantized network from a trained float one of the same architecture, as every seed paper does
/// (DSQ, LSQ, DDQ fine-tune pretrained networks): weights, biases and BatchNorm state are copied by name. The
/// quantizers' own parameters, which the float network lacks, start from these weights on the first batch, and
/// state a quantizer derived from the random initial weight (STTN's branches) is derived again from them.
/// </summary>
public static class PretrainedStart
{
    /// <summary>Copies every tensor of <paramref name="source"/>'s state into <paramref name="target"/>.</summary>
    /// <returns>The number of tensors copied.</returns>
    /// <exception cref="ArgumentException">See <see cref="Check"/>; nothing is copied then.</exception>
    public static int CopyInto(nn.Module source, nn.Module target)
    {
        Check(source, target);
        var targetState = target.state_dict();
        var copied = 0;
        using var _ = no_grad();
        foreach (var (name, tensor) in source.state_dict())
        {
            targetState[name].copy_(tensor);
            copied++;
        }

        foreach (var quantizer in target.modules().OfType<WeightQuantizer>())
        {
            quantizer.WeightReplaced();
        }

        return copied;
    }

    /// <summary>Throws unless <see cref="CopyInto"/> would take <paramref name="source"/> into <paramref name="target"/>; copies nothing.</summary>
    /// <exception cref="ArgumentException">A tensor of the source has no counterpart of the same shape in the
    /// target: the networks differ, and a partial copy would train from a silently mixed start.</exception>
    public static void Check(nn.Module source, nn.Module target)
    {
        var targetState = target.state_dict();
        foreach (var (name, tensor) in source.state_dict())
        {
            if (!targetState.TryGetValue(name, out var destination))
            {
                throw new ArgumentException($"the pretrained network has \"{name}\", which the network to train lacks: the architectures differ");
            }

            if (!destination.shape.SequenceEqual(tensor.shape))
            {
                throw new ArgumentException($"\"{name}\" is [{string.Join(", ", tensor.shape)}] in the pretrained network but [{string.Join(", ", destination.shape)}] in the network to train");
            }
        }
    }
}
