using System;
using System.Linq;

namespace LowBit.Generators;

/// <summary>Lowers a depthwise <see cref="DotLayerPlan"/> to a <see cref="DepthwisePlan"/> when the vector epilogue can requantize it.</summary>
internal static class DepthwisePlanner
{
    public static DepthwisePlan? TryPlan(DotLayerPlan dot)
    {
        if (!dot.IsDepthwise)
        {
            return null;
        }

        int taps = dot.KernelHeight * dot.KernelWidth;
        var byTap = dot.DepthwiseWeights();
        var plan = new DepthwisePlan
        {
            Geometry = WindowGeometry.ForConv(dot.Input, dot.Window!, dot.OutputHeight, dot.OutputWidth),
            Rows = dot.KernelHeight,
            Columns = dot.KernelWidth,
            Channels = dot.OutChannels,
        };
        // 16 zeros at the end: the pair kernel reads a lone last block's weights 32 bytes wide.
        var weights = new sbyte[(taps * plan.PaddedChannels) + 16];
        var ranges = new (long Low, long High)[plan.Channels];
        long largestMagnitude = 0;
        for (int c = 0; c < plan.Channels; c++)
        {
            long positive = 0, negative = 0;
            for (int t = 0; t < taps; t++)
            {
                sbyte w = byTap[(t * plan.Channels) + c];
                weights[(t * plan.PaddedChannels) + c] = w;
                positive += Math.Max(0, (int)w);
                negative += Math.Min(0, (int)w);
            }

            long low = negative * dot.Input.MaxStored, high = positive * dot.Input.MaxStored;
            ranges[c] = dot.Negated[c] ? (-high, -low) : (low, high);
            largestMagnitude = Math.Max(largestMagnitude, Math.Max(high, -low));
        }

        plan.Weights = weights;
        plan.Int16Sums = largestMagnitude <= short.MaxValue;
        plan.Requantization = VectorRequantizationPlanner.Plan(dot.Thresholds, (1 << dot.OutputBits) - 1, dot.Negated, ranges);
        return plan.Requantization.Mode == EpilogueMode.Raw ? null : plan;
    }
}
