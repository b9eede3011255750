using System.Linq;
using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>
/// Chooses bits for a GEMM layer whose activations have two levels and whose weights are all ±1, and lays out
/// its input image, weight bits, masks and +1 counts (see <see cref="BinaryGemmPlan"/>).
/// </summary>
internal static class BinaryGemmPlanner
{
    /// <summary>The binary plan, or null when the layer is not binary or its window rows do not start on whole bytes.</summary>
    public static BinaryGemmPlan? TryPlan(DotLayerPlan dot, GemmPlan gemm)
    {
        if (dot.Input.MaxStored != 1 || gemm.RowBytes % 8 != 0 || !IsBinary(dot))
        {
            return null;
        }

        var plan = new BinaryGemmPlan { Rows = gemm.Rows, RowBits = gemm.RowBytes, Blocks = gemm.Blocks, PadBit = dot.Input.StoredZero };
        if (dot.Layer is LinearLayer linear)
        {
            // One "pixel" of InFeatures channels: the flattened input in memory order, which is the weights' k order.
            (plan.Height, plan.Width, plan.Channels) = (1, 1, linear.InFeatures);
            (plan.PaddedHeight, plan.PaddedWidth) = (1, 1);
        }
        else
        {
            if (dot.Input.Channels % 8 != 0)
            {
                return null;
            }

            var window = dot.Window!;
            (plan.Height, plan.Width, plan.Channels) = (dot.Input.Height, dot.Input.Width, dot.Input.Channels);
            (plan.PadTop, plan.PadLeft) = gemm.Geometry.CopiesPadded ? (window.PadTop, window.PadLeft) : (0, 0);
            (plan.PaddedHeight, plan.PaddedWidth) = gemm.Geometry.CopiesPadded ? (gemm.Geometry.PaddedHeight, gemm.Geometry.PaddedWidth) : (dot.Input.Height, dot.Input.Width);
        }

        var bytes = gemm.Geometry;
        plan.Geometry = new WindowGeometry
        {
            InChannels = bytes.InChannels,
            PixelStride = bytes.PixelStride / 8,
            RowStride = bytes.RowStride / 8,
            PixelsPerCall = bytes.PixelsPerCall,
            Calls = bytes.Calls,
            InputStepPerCall = bytes.InputStepPerCall / 8,
        };
        PackWeights(dot, plan);
        return plan;
    }

    /// <summary>Every real weight is +1 or −1 (the padding beyond K is not read).</summary>
    private static bool IsBinary(DotLayerPlan dot)
    {
        for (int oc = 0; oc < dot.OutChannels; oc++)
        {
            for (int k = 0; k < dot.K; k++)
            {
                int w = dot.Weights[(oc * dot.PaddedK) + k];
                if (w != 1 && w != -1)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void PackWeights(DotLayerPlan dot, BinaryGemmPlan plan)
    {
        int words = plan.Words, lanes = GemmPlan.BlockChannels;
        plan.Masks = Enumerable.Range(0, words).Select(j => WordMask(plan.RowBits - (32 * j))).ToArray();
        plan.MaskNibbles = plan.Masks.SelectMany(SplitNibbles).ToArray();
        plan.Weights = new uint[plan.Blocks * plan.BlockWords];
        plan.Positives = new int[plan.Blocks * lanes];
        for (int oc = 0; oc < dot.OutChannels; oc++)
        {
            int block = oc / lanes, lane = oc % lanes;
            for (int r = 0; r < plan.Rows; r++)
            {
                for (int i = 0; i < plan.RowBits; i++)
                {
                    if (dot.Weights[(oc * dot.PaddedK) + (r * plan.RowBits) + i] != 1)
                    {
                        continue;
                    }

                    int word = (block * plan.BlockWords) + (((r * words) + (i / 32)) * lanes) + lane;
                    plan.Weights[word] |= 1u << (i % 32);
                    plan.Positives[(block * lanes) + lane]++;
                }
            }
        }

        // [...][word][channel] → [...][word][low, high][channel].
        plan.WeightNibbles = new uint[2 * plan.Weights.Length];
        for (int at = 0; at < plan.Weights.Length; at++)
        {
            int group = at / lanes, lane = at % lanes;
            var (low, high) = (SplitNibbles(plan.Weights[at])[0], SplitNibbles(plan.Weights[at])[1]);
            plan.WeightNibbles[(group * 2 * lanes) + lane] = low;
            plan.WeightNibbles[(group * 2 * lanes) + lanes + lane] = high;
        }
    }

    private static uint[] SplitNibbles(uint word) => new[] { word & BinaryGemmPlan.LowNibbles, (word >> 4) & BinaryGemmPlan.LowNibbles };

    /// <summary>The low <paramref name="bits"/> bits (all 32 when the row goes on past this word).</summary>
    private static uint WordMask(int bits) => bits >= 32 ? uint.MaxValue : (1u << bits) - 1;
}
