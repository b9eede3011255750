using System;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>Lowers an ungrouped conv2d or a linear <see cref="DotLayerPlan"/> to a <see cref="GemmPlan"/>.</summary>
internal static class GemmPlanner
{
    public static bool Applies(DotLayerPlan dot) => dot.Groups == 1;

    public static GemmPlan Plan(DotLayerPlan dot)
    {
        var gemm = new GemmPlan { OutChannels = dot.OutChannels, Blocks = (dot.OutChannels + GemmPlan.BlockChannels - 1) / GemmPlan.BlockChannels };
        PlanGeometry(dot, gemm);
        gemm.Weights = PackWeights(dot, gemm);
        gemm.QuadsPerWiden = QuadsPerWiden(gemm, dot.Input.MaxStored);
        gemm.SignedShift = dot.Input.MaxStored > sbyte.MaxValue ? SignedShift(gemm) : null;
        PlanEpilogue(dot, gemm);
        gemm.Binary = BinaryGemmPlanner.TryPlan(dot, gemm);
        return gemm;
    }

    private static void PlanGeometry(DotLayerPlan dot, GemmPlan gemm)
    {
        if (dot.Layer is LinearLayer linear)
        {
            gemm.Rows = 1;
            gemm.RowBytes = linear.InFeatures;
            gemm.Geometry = new WindowGeometry { InChannels = linear.InFeatures };
            return;
        }

        gemm.Rows = dot.KernelHeight;
        gemm.RowBytes = dot.KernelWidth * dot.Input.Channels;
        gemm.Geometry = WindowGeometry.ForConv(dot.Input, dot.Window!, dot.OutputHeight, dot.OutputWidth);
    }

    /// <summary>The plan's [oc][K] weights (K in (ky, kx, channel) order) as [block][row][quad][16][4], zero-padded.</summary>
    private static sbyte[] PackWeights(DotLayerPlan dot, GemmPlan gemm)
    {
        var packed = new sbyte[gemm.Blocks * gemm.BlockWeightBytes];
        for (int oc = 0; oc < dot.OutChannels; oc++)
        {
            int block = oc / GemmPlan.BlockChannels, lane = oc % GemmPlan.BlockChannels;
            for (int r = 0; r < gemm.Rows; r++)
            {
                for (int i = 0; i < gemm.RowBytes; i++)
                {
                    int quad = i / 4;
                    int target = (block * gemm.BlockWeightBytes) + ((((r * gemm.Quads) + quad) * GemmPlan.BlockChannels) + lane) * 4 + (i % 4);
                    packed[target] = dot.Weights[(oc * dot.PaddedK) + (r * gemm.RowBytes) + i];
                }
            }
        }

        return packed;
    }

    /// <summary>128 · Σw over each channel's packed weights: what SDOT on activations − 128 leaves out.</summary>
    private static int[] SignedShift(GemmPlan gemm)
    {
        var shift = new int[gemm.Blocks * GemmPlan.BlockChannels];
        for (int i = 0; i < gemm.Weights.Length; i++)
        {
            int block = i / gemm.BlockWeightBytes, lane = (i % (GemmPlan.BlockChannels * 4)) / 4;
            shift[(block * GemmPlan.BlockChannels) + lane] += 128 * gemm.Weights[i];
        }

        return shift;
    }

    /// <summary>
    /// The longest run of k-groups whose partial sums provably stay in int16 in every lane, whatever the
    /// activations (0 … maxActivation): lane h of channel c takes the pair (4q + 2h, 4q + 2h + 1) per group,
    /// so its positive part is at most maxActivation · Σ w⁺ over the run and its negative part the same with w⁻.
    /// Checked over every run of that length in the window's k-groups (rows back to back), so any chunking into
    /// such runs is exact: whole rows at a time when the run covers a row, else runs within each row.
    /// </summary>
    private static int QuadsPerWiden(GemmPlan gemm, int maxActivation)
    {
        bool Fits(int length)
        {
            // Runs over the window's rows back to back, so a chunk may span rows when the kernel lets it.
            int total = gemm.Rows * gemm.Quads;
            for (int b = 0; b < gemm.Blocks; b++)
            {
                for (int lane = 0; lane < GemmPlan.BlockChannels; lane++)
                {
                    for (int half = 0; half < 2; half++)
                    {
                        long positive = 0, negative = 0;
                        for (int i = 0; i < total; i++)
                        {
                            positive += Part(b, i / gemm.Quads, i % gemm.Quads, lane, half, +1);
                            negative += Part(b, i / gemm.Quads, i % gemm.Quads, lane, half, -1);
                            if (i >= length)
                            {
                                positive -= Part(b, (i - length) / gemm.Quads, (i - length) % gemm.Quads, lane, half, +1);
                                negative -= Part(b, (i - length) / gemm.Quads, (i - length) % gemm.Quads, lane, half, -1);
                            }

                            if (positive * maxActivation > short.MaxValue || negative * maxActivation > -short.MinValue)
                            {
                                return false;
                            }
                        }
                    }
                }
            }

            return true;
        }

        int Part(int b, int r, int q, int lane, int half, int sign)
        {
            int at = (b * gemm.BlockWeightBytes) + ((((r * gemm.Quads) + q) * GemmPlan.BlockChannels) + lane) * 4 + (2 * half);
            int w0 = gemm.Weights[at] * sign, w1 = gemm.Weights[at + 1] * sign;
            return Math.Max(w0, 0) + Math.Max(w1, 0);
        }

        if (!Fits(1))
        {
            return 0;
        }

        int low = 1, high = gemm.Rows * gemm.Quads;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            if (Fits(middle))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }

    private static void PlanEpilogue(DotLayerPlan dot, GemmPlan gemm)
    {
        if (dot.FloatOutput is null)
        {
            var ranges = Enumerable.Range(0, dot.OutChannels).Select(oc => SignedRange(dot, oc)).ToArray();
            gemm.Requantization = VectorRequantizationPlanner.Plan(dot.Thresholds, (1 << dot.OutputBits) - 1, dot.Negated, ranges);
        }
    }

    /// <summary>The range of sign · (offset accumulator) of a channel: stored activations 0 … max against its real weights.</summary>
    private static (long Low, long High) SignedRange(DotLayerPlan dot, int oc)
    {
        long positive = 0, negative = 0;
        for (int k = 0; k < dot.K; k++)
        {
            int w = dot.Weights[(oc * dot.PaddedK) + k];
            if (w > 0)
            {
                positive += w;
            }
            else
            {
                negative += w;
            }
        }

        long low = negative * dot.Input.MaxStored, high = positive * dot.Input.MaxStored;
        return dot.Negated[oc] ? (-high, -low) : (low, high);
    }
}
