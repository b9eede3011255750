using System;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>
/// The last layer's float output y[c] = float(acc·scale[c]) + bias[c], from the affine steps the graph
/// applies after its last MatMul/Gemm/Conv. When every channel shares one map of the true dot product
/// (scalar scales, as classifier heads have), the graph gives equal scores to channels with equal dot
/// products and its argmax picks the first; rounding the shared slope and offset to a dyadic grid coarse
/// enough that every product and sum is exact in float32 keeps those ties ties, at a relative
/// precision of about 2^-(24 − log2 of the score range) instead of float32's 2^-24.
/// </summary>
internal static class OutputAffine
{
    public static (FloatOutput Output, bool TiesExact) Derive(AccumulatorSymbol accumulator)
    {
        var pending = accumulator.Layer as PendingLayer
            ?? throw OnnxImportException.AtNode(accumulator.Layer.Node, $"this {accumulator.Layer.Node.OpType} ends the graph; the manifest's last layer is a MatMul/Gemm/Conv with float output.");
        var input = pending.Input;
        var weights = pending.Weights;
        int channels = pending.OutChannels;
        var slope = new double[channels];
        var offset = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            (slope[c], offset[c]) = (1, 0);
            foreach (var step in accumulator.Steps)
            {
                var (m, k) = step.Affine(c) ?? throw new OnnxImportException($"the steps after '{pending.Node.Name}' ({string.Join(", ", accumulator.Folded)}) include a non-affine one (ReLU); the model's float output is one multiply and one add per channel.");
                (slope[c], offset[c]) = (m * slope[c], (m * offset[c]) + k);
            }

            slope[c] *= input.Scale * weights.Scale[c];
        }

        bool shared = slope.Distinct().Count() == 1 && offset.Distinct().Count() == 1;
        if (shared)
        {
            long dotBound = Enumerable.Range(0, channels).Max(c => Math.Max(-weights.MinDot(c, input.MaxLevel), weights.MaxDot(c, input.MaxLevel)));
            double range = (Math.Abs(slope[0]) * ((Math.Abs(input.Alpha) * (double)dotBound) + (Math.Abs(input.Beta) * weights.RowSums.Max(Math.Abs)))) + Math.Abs(offset[0]);
            double quantum = Math.Pow(2, Math.Ceiling(Math.Log2(2 * range / (1 << 24))));
            double u = Math.Round(slope[0] / quantum) * quantum;
            double o = Math.Round(offset[0] / quantum) * quantum;
            if (u != 0)
            {
                var sharedScale = Enumerable.Repeat((float)(input.Alpha * u), channels).ToArray();
                var sharedBias = weights.RowSums.Select(r => (float)((input.Beta * r * u) + o)).ToArray();
                return (new FloatOutput(sharedScale, sharedBias), true);
            }
        }

        var scale = slope.Select(s => (float)(s * input.Alpha)).ToArray();
        var bias = Enumerable.Range(0, channels).Select(c => (float)((slope[c] * input.Beta * weights.RowSums[c]) + offset[c])).ToArray();
        return (new FloatOutput(scale, bias), false);
    }
}
