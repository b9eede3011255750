using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using LowBit.Manifest;

namespace LowBit.ArmCost;

/// <summary>Instructions per inference by part of the model; a layer is null when it has no code of its own.</summary>
public sealed record LayerBreakdown(double InputQuantizer, IReadOnlyList<double?> Layers, double Predict, double Loop, double Other)
{
    public double Total => InputQuantizer + Layers.Sum(l => l ?? 0) + Predict + Loop + Other;
}

/// <summary>
/// Maps the plugin's regions to the manifest's layers. A layer with a method of its own (LayerN, N counted
/// from 1 in manifest order, as the generator names them) is its region. A simple layer whose one-line
/// method the compiler inlined into Predict shows up as its whole-layer kernel (MaxPool, Flatten, …), entered
/// from Predict; those regions are matched to the layers in the order the inference first entered them.
/// </summary>
public static class LayerAttribution
{
    private static readonly Regex LayerMethod = new(@"__Layer(\d+)$", RegexOptions.CultureInvariant);
    private static readonly Regex LayerKernel = new(@"LowBitLayerKernels__(MaxPool|AvgPool|GlobalAvgPool|Flatten)$", RegexOptions.CultureInvariant);

    private static readonly Dictionary<string, LayerOp> KernelOps = new(StringComparer.Ordinal)
    {
        ["MaxPool"] = LayerOp.MaxPool2d,
        ["AvgPool"] = LayerOp.AvgPool2d,
        ["GlobalAvgPool"] = LayerOp.GlobalAvgPool,
        ["Flatten"] = LayerOp.Flatten,
    };

    public static LayerBreakdown Attribute(ModelManifest manifest, ModelCost cost)
    {
        var layers = new double?[manifest.Layers.Count];
        var kernelTaken = new bool[manifest.Layers.Count];
        double input = 0, predict = 0, loop = 0, other = 0;
        int position = -1; // index of the layer the inference is in
        foreach (var region in cost.Regions)
        {
            double instructions = cost.PerRun(region.Instructions);
            if (region.Symbol.EndsWith("__RunInferences", StringComparison.Ordinal))
            {
                loop += instructions;
            }
            else if (region.Symbol.EndsWith("__Predict", StringComparison.Ordinal))
            {
                predict += instructions;
            }
            else if (region.Symbol.Contains("LowBitLayerKernels__QuantizeInput", StringComparison.Ordinal))
            {
                input += instructions;
            }
            else if (LayerMethod.Match(region.Symbol) is { Success: true } method)
            {
                position = int.Parse(method.Groups[1].Value, CultureInfo.InvariantCulture) - 1;
                layers[position] = (layers[position] ?? 0) + instructions;
            }
            else if (LayerKernel.Match(region.Symbol) is { Success: true } kernel
                     && NextLayerWith(manifest, KernelOps[kernel.Groups[1].Value], position, kernelTaken) is int index)
            {
                position = index;
                kernelTaken[index] = true;
                layers[index] = (layers[index] ?? 0) + instructions;
            }
            else
            {
                other += instructions;
            }
        }

        return new LayerBreakdown(input, layers, predict, loop, other);
    }

    /// <summary>The current layer if it is of this op and its kernel is not yet placed (a LayerN method that calls it), else the next such layer.</summary>
    private static int? NextLayerWith(ModelManifest manifest, LayerOp op, int position, bool[] kernelTaken)
    {
        for (int i = Math.Max(position, 0); i < manifest.Layers.Count; i++)
        {
            if (manifest.Layers[i].Op == op && !kernelTaken[i])
            {
                return i;
            }
        }

        return null;
    }
}
