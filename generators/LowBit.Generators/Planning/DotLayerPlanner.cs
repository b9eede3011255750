using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>Lowers conv2d and linear layers to <see cref="DotLayerPlan"/>s.</summary>
internal static class DotLayerPlanner
{
    public static DotLayerPlan PlanConv(Conv2dLayer conv, TensorLayout input, TensorLayout? output, string path, List<(string, string)> problems)
    {
        var window = conv.Window;
        var plan = new DotLayerPlan(conv, input, output, conv.Groups, conv.OutChannels, window.KernelHeight, window.KernelWidth, window);
        var weights = conv.Weights.Unpack(checked((int)conv.WeightCount));
        int kh = window.KernelHeight, kw = window.KernelWidth, cg = conv.InChannelsPerGroup;

        // Manifest order [oc][icg][ky][kx] → kernel order [group][oc in group][(ky·kw + kx)·cg + icg].
        var laidOut = new sbyte[plan.Groups * plan.PaddedOutChannelsPerGroup * plan.PaddedK];
        for (int oc = 0; oc < conv.OutChannels; oc++)
        {
            int group = oc / plan.OutChannelsPerGroup;
            int row = (group * plan.PaddedOutChannelsPerGroup) + (oc % plan.OutChannelsPerGroup);
            for (int ic = 0; ic < cg; ic++)
            {
                for (int ky = 0; ky < kh; ky++)
                {
                    for (int kx = 0; kx < kw; kx++)
                    {
                        int k = (((ky * kw) + kx) * cg) + ic;
                        laidOut[(row * plan.PaddedK) + k] = weights[(((oc * cg) + ic) * kh + ky) * kw + kx];
                    }
                }
            }
        }

        Finish(plan, weights, conv.Weights, conv.Requantize, plan.K, path, problems);
        plan.Weights = laidOut;
        return plan;
    }

    /// <summary>
    /// A linear layer. <paramref name="featureAt"/>, when given, is the feature index stored at each input position:
    /// the layer then reads its input in that order (a flatten left in HWC order), its weights permuted to match.
    /// </summary>
    public static DotLayerPlan PlanLinear(LinearLayer linear, TensorLayout input, TensorLayout? output, string path, List<(string, string)> problems, int[]? featureAt = null)
    {
        var plan = new DotLayerPlan(linear, input, output, 1, linear.OutFeatures, 1, 1, null);
        var weights = linear.Weights.Unpack(checked((int)linear.WeightCount));
        var laidOut = new sbyte[plan.PaddedOutChannelsPerGroup * plan.PaddedK];
        for (int o = 0; o < linear.OutFeatures; o++)
        {
            for (int m = 0; m < linear.InFeatures; m++)
            {
                laidOut[(o * plan.PaddedK) + m] = weights[(o * linear.InFeatures) + (featureAt?[m] ?? m)];
            }
        }

        Finish(plan, weights, linear.Weights, linear.Requantize, linear.InFeatures, path, problems);
        plan.Weights = laidOut;
        return plan;
    }

    private static void Finish(DotLayerPlan plan, sbyte[] weights, PackedWeights packed, Requantization requantization, int k, string path, List<(string, string)> problems)
    {
        plan.MaxWeightMagnitude = AccumulatorBounds.MaxWeightMagnitude(packed.Encoding, packed.Bits);
        if (plan.AccumulatorBound >= int.MaxValue)
        {
            problems.Add((path + ".weights.bits", $"expected the accumulator over offset levels (0 … {plan.Input.MaxStored}) to fit int32, found a bound of {plan.AccumulatorBound}; use fewer bits or a smaller fan-in"));
        }

        // Stored activations are level − min, so Σ w·level = Σ w·stored + min·Σ w.
        int min = plan.Input.Levels.Min;
        var correction = new long[plan.OutChannels];
        for (int oc = 0; oc < correction.Length; oc++)
        {
            long rowSum = 0;
            for (int i = oc * k; i < (oc + 1) * k; i++)
            {
                rowSum += weights[i];
            }

            correction[oc] = min * rowSum;
        }

        plan.OffsetCorrection = correction;

        switch (requantization)
        {
            case ThresholdRequantization thresholds:
                plan.Negated = Enumerable.Range(0, plan.OutChannels).Select(thresholds.IsNegated).ToArray();
                plan.HasNegated = plan.Negated.Any(n => n);
                plan.Thresholds = ThresholdFolding.Fold(thresholds, plan.OutChannels, oc => plan.OffsetCorrection[oc], plan.Negated);
                break;
            case FloatOutput output:
                plan.FloatOutput = output;
                plan.Negated = new bool[plan.OutChannels];
                break;
        }
    }
}
