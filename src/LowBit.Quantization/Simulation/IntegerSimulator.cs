using System;
using System.Collections.Generic;
using LowBit.Manifest;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Simulation;

/// <summary>
/// Runs a manifest in TorchSharp with integer tensors under the integer contract — the training side's
/// own account of what the deployed model computes, checked bit for bit against the reference
/// interpreter. Levels and accumulators are int64. Convolution and linear products go through float64
/// kernels (libtorch has no integer convolution on CPU): every operand and every partial sum is a whole
/// number below 2^31 ≪ 2^53, so each float64 addition is exact whatever the summation order.
/// </summary>
public sealed class IntegerSimulator
{
    private readonly ModelManifest _manifest;

    public IntegerSimulator(ModelManifest manifest)
    {
        _manifest = manifest;
        foreach (var layer in manifest.Layers)
        {
            if (layer is not (Conv2dLayer or LinearLayer or MaxPool2dLayer or AvgPool2dLayer or GlobalAvgPoolLayer or AddLayer or FlattenLayer))
            {
                throw new NotSupportedException($"{manifest.Name}: layer \"{layer.Id}\": the integer simulator runs conv2d, linear, maxPool2d, avgPool2d, globalAvgPool, add and flatten; {layer.Op} is not implemented in it");
            }
        }
    }

    /// <summary>Float32 outputs [N, outputs] for a batch of float inputs [N, …input shape].</summary>
    public Tensor Run(Tensor input)
    {
        using var scope = NewDisposeScope();
        var values = new Dictionary<string, Tensor> { [ManifestFormat.InputId] = ContractInputQuantizer.Levels(input, _manifest.Input.Levels).to_type(ScalarType.Int64) };
        Tensor output = values[ManifestFormat.InputId];
        foreach (var layer in _manifest.Layers)
        {
            var x = values[layer.Inputs[0]];
            output = layer switch
            {
                Conv2dLayer conv => Requantize(Convolve(x, conv, LevelsOf(layer.Inputs[0]).ZeroPoint), conv.Requantize, 4),
                LinearLayer linear => Requantize(Multiply(x, linear), linear.Requantize, 2),
                MaxPool2dLayer pool => MaxPool(x, pool),
                AvgPool2dLayer pool => LevelPooling.Average(x, pool, LevelsOf(layer.Inputs[0]).ZeroPoint),
                GlobalAvgPoolLayer => LevelPooling.GlobalAverage(x),
                AddLayer add => Requantize((x * add.FirstMultiplier) + (values[layer.Inputs[1]] * add.SecondMultiplier), add.Requantize, (int)x.dim()),
                FlattenLayer => x.flatten(1),
                _ => throw new InvalidOperationException("unreachable: checked in the constructor"),
            };
            values[layer.Id] = output;
        }

        return output.MoveToOuterDisposeScope();
    }

    private LevelFormat LevelsOf(string id)
    {
        if (id == ManifestFormat.InputId)
        {
            return _manifest.Input.Levels;
        }

        foreach (var layer in _manifest.Layers)
        {
            if (layer.Id == id)
            {
                return layer.OutputLevels(LevelsOf(layer.Inputs[0])) ?? throw new InvalidOperationException($"layer {id} has float output; nothing reads it");
            }
        }

        throw new InvalidOperationException($"unknown layer id {id}");
    }

    private static Tensor Convolve(Tensor x, Conv2dLayer conv, int zeroPoint)
    {
        var w = conv.Window;
        var padded = nn.functional.pad(x.to_type(ScalarType.Float64), new long[] { w.PadLeft, w.PadRight, w.PadTop, w.PadBottom }, PaddingModes.Constant, zeroPoint);
        var weights = WeightTensor(conv.Weights, conv.WeightCount).reshape(conv.OutChannels, conv.InChannelsPerGroup, w.KernelHeight, w.KernelWidth);
        var acc = nn.functional.conv2d(padded, weights, null, new long[] { w.StrideHeight, w.StrideWidth }, new long[] { 0, 0 }, new long[] { 1, 1 }, conv.Groups);
        return acc.round().to_type(ScalarType.Int64);
    }

    private static Tensor Multiply(Tensor x, LinearLayer linear)
    {
        var weights = WeightTensor(linear.Weights, linear.WeightCount).reshape(linear.OutFeatures, linear.InFeatures);
        return x.to_type(ScalarType.Float64).matmul(weights.t()).round().to_type(ScalarType.Int64);
    }

    private static Tensor MaxPool(Tensor x, MaxPool2dLayer pool)
    {
        var w = pool.Window;
        if (w.PadTop != w.PadBottom || w.PadLeft != w.PadRight)
        {
            throw new NotSupportedException($"layer \"{pool.Id}\": the simulator runs symmetric max-pool padding only");
        }

        // max_pool2d pads with −∞, so padded positions take no part, as the contract says.
        var pooled = nn.functional.max_pool2d(x.to_type(ScalarType.Float64), new long[] { w.KernelHeight, w.KernelWidth }, new long[] { w.StrideHeight, w.StrideWidth }, new long[] { w.PadTop, w.PadLeft }, new long[] { 1, 1 }, false);
        return pooled.to_type(ScalarType.Int64);
    }

    /// <summary>Thresholds: level = min + #{ j : s_c·acc ≥ T[c, j] }; float: (float)acc · scale + bias,
    /// two separately rounded float32 operations.</summary>
    private static Tensor Requantize(Tensor acc, Requantization requantization, int rank)
    {
        var channelShape = rank == 4 ? new long[] { 1, -1, 1, 1 } : new long[] { 1, -1 };
        switch (requantization)
        {
            case ThresholdRequantization thresholds:
            {
                var channels = acc.shape[1];
                var signs = new long[channels];
                for (var c = 0; c < channels; c++)
                {
                    signs[c] = thresholds.IsNegated((int)c) ? -1 : 1;
                }

                // Each channel's thresholds are non-decreasing (the validator checks), so the count of those
                // reached is a binary search: one pass instead of one full-size comparison per threshold.
                var signed = acc * tensor(signs).reshape(channelShape);
                var table = tensor(thresholds.Thresholds.ToArray()).to_type(ScalarType.Int64).reshape(channels, thresholds.ThresholdsPerChannel);
                using var byChannel = signed.transpose(0, 1).contiguous();
                using var counts = searchsorted(table, byChannel.reshape(channels, -1), right: true);
                return counts.reshape(byChannel.shape).transpose(0, 1).contiguous() + thresholds.Levels.Min;
            }

            case FloatOutput output:
            {
                var scale = tensor(output.Scale.ToArray()).reshape(channelShape);
                var bias = tensor(output.Bias.ToArray()).reshape(channelShape);
                var product = acc.to_type(ScalarType.Float32) * scale;
                return product + bias;
            }

            default:
                throw new NotSupportedException($"requantization {requantization.GetType().Name}");
        }
    }

    private static Tensor WeightTensor(PackedWeights weights, long count)
    {
        var codes = weights.Unpack(checked((int)count));
        var values = new double[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            values[i] = codes[i];
        }

        return tensor(values);
    }
}
