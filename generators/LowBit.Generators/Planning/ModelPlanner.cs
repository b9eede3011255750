using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>
/// Lowers a validated manifest to a <see cref="ModelPlan"/>: tensor layouts, weights re-laid out for
/// the dot kernels, offsets folded into thresholds, and scratch buffers shared by tensors whose
/// lifetimes do not overlap. Reports what the generated kernels cannot run as (JSON path, message).
/// </summary>
internal static class ModelPlanner
{
    /// <summary>Least slack after every buffer: dot kernels read whole 16-byte steps past a pixel's last channel.</summary>
    public const int MinimumBufferSlack = 32;

    public static ModelPlan Plan(ModelManifest manifest, string sourcePath, string className, string @namespace, bool optimizedBuild, List<(string Path, string Message)> problems)
    {
        var tensors = new Dictionary<string, TensorLayout>(StringComparer.Ordinal);
        var input = new TensorLayout(ManifestFormat.InputId, manifest.Input.Shape, manifest.Input.Levels);
        tensors[input.Id] = input;

        var layers = new List<LayerPlan>();
        var hwcFlattens = HwcFlattens(manifest);
        for (int i = 0; i < manifest.Layers.Count; i++)
        {
            var layer = manifest.Layers[i];
            var inputs = layer.Inputs.Select(id => tensors[id]).ToArray();
            var outputLevels = layer.OutputLevels(inputs[0].Levels);
            var output = outputLevels is null ? null : new TensorLayout(layer.Id, layer.OutputShape, outputLevels);
            if (output is not null)
            {
                tensors[layer.Id] = output;
            }

            var plan = new LayerPlan(i + 1, layer, inputs, output);
            var path = $"$.layers[{i}]";
            switch (layer)
            {
                case Conv2dLayer conv:
                    plan.Dot = DotLayerPlanner.PlanConv(conv, inputs[0], output, path, problems);
                    break;
                case LinearLayer linear:
                    plan.Dot = DotLayerPlanner.PlanLinear(linear, inputs[0], output, path, problems, hwcFlattens.TryGetValue(layer.Inputs[0], out var featureAt) ? featureAt : null);
                    break;
                case FlattenLayer:
                    plan.FlattenKeepsHwc = hwcFlattens.ContainsKey(layer.Id);
                    break;
                case AddLayer add:
                    plan.Add = PlanAdd(add, inputs[0], inputs[1], path, problems);
                    break;
            }

            if (plan.Dot is { } dot && GemmPlanner.Applies(dot))
            {
                plan.Gemm = GemmPlanner.Plan(dot);
            }
            else if (plan.Dot is { } depthwise)
            {
                plan.Depthwise = DepthwisePlanner.TryPlan(depthwise);
            }

            layers.Add(plan);
        }

        // GEMM tiles read past a call's last window (extra pixels of a partial tile, whole k-groups).
        var windows = layers.Select(l => l.Gemm?.Geometry ?? l.Depthwise?.Geometry).Where(g => g is not null).Select(g => g!).ToList();
        int slack = windows.Select(g => g.ReadSlack).DefaultIfEmpty(0).Max();
        slack = Math.Max(MinimumBufferSlack, slack);
        var bufferSizes = AssignBuffers(input, layers, slack);
        int patch = layers.Where(l => l.Gemm is null && l.Dot is { ReadsInputDirectly: false, IsDepthwise: false }).Select(l => l.Dot!.PaddedK).DefaultIfEmpty(0).Max();
        int sums = layers.Where(l => l.Layer is AvgPool2dLayer or GlobalAvgPoolLayer || (l.Dot is { IsDepthwise: true } && l.Depthwise is null)).Select(l => l.Inputs[0].Channels).DefaultIfEmpty(0).Max();
        int padded = layers.Where(l => l.Gemm?.Binary is null).Select(l => l.Gemm?.Geometry ?? l.Depthwise?.Geometry).Select(g => g?.PaddedLength ?? 0).DefaultIfEmpty(0).Max();
        int raw = layers.Where(l => l.Gemm is not null).Select(l => l.Gemm!.RawLength).DefaultIfEmpty(0).Max();
        return new ModelPlan(manifest, sourcePath, className, @namespace, optimizedBuild, input, layers, bufferSizes, patch, sums)
        {
            PaddedLength = padded == 0 ? 0 : padded + slack,
            RawLength = raw,
            BitsLength = layers.Select(l => l.Gemm?.Binary?.BufferLength ?? 0).DefaultIfEmpty(0).Max(),
            PacksLargeData = PackedTextBound(layers) <= ModelPlan.PackedTextBudget,
        };
    }

    /// <summary>
    /// User-string bytes the model's packed text takes at most: every layer's largest weight array at 8 bits,
    /// 15 bits per two-byte character.
    /// </summary>
    private static long PackedTextBound(List<LayerPlan> layers)
    {
        long bytes = layers.Sum(l => (long)Math.Max(l.Gemm?.Weights.Length ?? 0, Math.Max(l.Depthwise?.Weights.Length ?? 0, l.Dot?.Weights.Length ?? 0)));
        return bytes * 8 / 15 * 2;
    }

    /// <summary>
    /// Flattens of a multi-channel feature map read only by linear layers (and not the model's output), each with
    /// the feature index at every position of its input's HWC order: the CHW transpose the contract defines is
    /// folded into the readers' weights.
    /// </summary>
    private static Dictionary<string, int[]> HwcFlattens(ModelManifest manifest)
    {
        var result = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, TensorShape>(StringComparer.Ordinal) { [ManifestFormat.InputId] = manifest.Input.Shape };
        foreach (var layer in manifest.Layers)
        {
            shapes[layer.Id] = layer.OutputShape;
        }

        foreach (var flatten in manifest.Layers.OfType<FlattenLayer>())
        {
            var readers = manifest.Layers.Where(l => l.Inputs.Contains(flatten.Id, StringComparer.Ordinal)).ToList();
            var shape = shapes[flatten.Inputs[0]];
            if (readers.Count == 0 || !readers.All(r => r is LinearLayer) || shape.Rank != 3 || shape.Channels == 1 || shape.Height * shape.Width == 1)
            {
                continue;
            }

            int pixels = shape.Height * shape.Width;
            var featureAt = new int[pixels * shape.Channels];
            for (int p = 0; p < pixels; p++)
            {
                for (int c = 0; c < shape.Channels; c++)
                {
                    featureAt[(p * shape.Channels) + c] = (c * pixels) + p;
                }
            }

            result[flatten.Id] = featureAt;
        }

        return result;
    }

    private static AddPlan PlanAdd(AddLayer add, TensorLayout first, TensorLayout second, string path, List<(string, string)> problems)
    {
        long correction = ((long)add.FirstMultiplier * first.Levels.Min) + ((long)add.SecondMultiplier * second.Levels.Min);
        long bound = (Math.Abs((long)add.FirstMultiplier) * first.MaxStored) + (Math.Abs((long)add.SecondMultiplier) * second.MaxStored);
        if (bound >= int.MaxValue)
        {
            problems.Add((path + ".multipliers", $"expected the offset accumulator bound to fit int32, found {bound}"));
        }

        var requantization = add.Requantize;
        int channels = first.Channels;
        var negated = Enumerable.Range(0, channels).Select(requantization.IsNegated).ToArray();
        var thresholds = ThresholdFolding.Fold(requantization, channels, c => correction, negated);
        // Range of the offset accumulator m₀·u_a + m₁·u_b, then of sign · accumulator per channel.
        long low = Math.Min(0L, (long)add.FirstMultiplier * first.MaxStored) + Math.Min(0L, (long)add.SecondMultiplier * second.MaxStored);
        long high = Math.Max(0L, (long)add.FirstMultiplier * first.MaxStored) + Math.Max(0L, (long)add.SecondMultiplier * second.MaxStored);
        var ranges = negated.Select(n => n ? (-high, -low) : (low, high)).ToArray();
        return new AddPlan(thresholds, negated, requantization.Levels.Bits, bound)
        {
            Requantization = VectorRequantizationPlanner.Plan(thresholds, requantization.ThresholdsPerChannel, negated, ranges),
        };
    }

    /// <summary>Greedy liveness allocation: a tensor's buffer is free again after its last reader has run.</summary>
    private static IReadOnlyList<int> AssignBuffers(TensorLayout input, List<LayerPlan> layers, int slack)
    {
        var lastUse = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var layer in layers)
        {
            foreach (var tensor in layer.Inputs)
            {
                lastUse[tensor.Id] = layer.Index;
            }
        }

        var sizes = new List<int>();
        var free = new List<int>();
        int Allocate(TensorLayout tensor)
        {
            int needed = tensor.Length + slack;
            int index = free.Count > 0 ? free.OrderByDescending(b => sizes[b]).First() : -1;
            if (index < 0)
            {
                index = sizes.Count;
                sizes.Add(0);
            }
            else
            {
                free.Remove(index);
            }

            sizes[index] = Math.Max(sizes[index], needed);
            return index;
        }

        input.Buffer = Allocate(input);
        foreach (var layer in layers)
        {
            if (layer.Output is not null)
            {
                layer.Output.Buffer = Allocate(layer.Output);
            }

            foreach (var tensor in layer.Inputs.Distinct())
            {
                if (lastUse[tensor.Id] == layer.Index)
                {
                    free.Add(tensor.Buffer);
                }
            }
        }

        return sizes;
    }
}
