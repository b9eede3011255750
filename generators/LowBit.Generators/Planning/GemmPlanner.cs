using System;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>Lowers an ungrouped conv2d or a linear <see cref="DotLayerPlan"/> to a <see cref="GemmPlan"/>.</summary>
internal static class GemmPlanner
{
    /// <summary>More thresholds than this are counted by vector compares only when no closed form is exact.</summary>
    private const int MaxVectorThresholds = 15;

    /// <summary>With this few thresholds the compares cost no more than the closed form.</summary>
    private const int CompareCheaperUpTo = 3;

    public static bool Applies(DotLayerPlan dot) => dot.Groups == 1;

    public static GemmPlan Plan(DotLayerPlan dot)
    {
        var gemm = new GemmPlan { OutChannels = dot.OutChannels, Blocks = (dot.OutChannels + GemmPlan.BlockChannels - 1) / GemmPlan.BlockChannels };
        PlanGeometry(dot, gemm);
        gemm.Weights = PackWeights(dot, gemm);
        gemm.QuadsPerWiden = QuadsPerWiden(gemm, dot.Input.MaxStored);
        PlanEpilogue(dot, gemm);
        return gemm;
    }

    private static void PlanGeometry(DotLayerPlan dot, GemmPlan gemm)
    {
        var input = dot.Input;
        if (dot.Layer is LinearLayer linear)
        {
            gemm.Rows = 1;
            gemm.RowBytes = linear.InFeatures;
            gemm.InChannels = linear.InFeatures;
            gemm.PixelsPerCall = 1;
            gemm.Calls = 1;
            return;
        }

        var window = dot.Window!;
        gemm.InChannels = input.Channels;
        gemm.CopiesPadded = window.PadTop + window.PadBottom + window.PadLeft + window.PadRight > 0;
        gemm.PaddedHeight = input.Height + window.PadTop + window.PadBottom;
        gemm.PaddedWidth = input.Width + window.PadLeft + window.PadRight;
        int sourceWidth = gemm.CopiesPadded ? gemm.PaddedWidth : input.Width;
        gemm.Rows = dot.KernelHeight;
        gemm.RowBytes = dot.KernelWidth * input.Channels;
        gemm.RowStride = sourceWidth * input.Channels;
        gemm.PixelStride = window.StrideWidth * input.Channels;
        bool contiguousRows = window.StrideHeight == 1 && window.StrideWidth * dot.OutputWidth == sourceWidth;
        gemm.PixelsPerCall = contiguousRows ? dot.OutputHeight * dot.OutputWidth : dot.OutputWidth;
        gemm.Calls = contiguousRows ? 1 : dot.OutputHeight;
        gemm.InputStepPerCall = window.StrideHeight * gemm.RowStride;
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

    /// <summary>
    /// The longest run of k-groups whose partial sums provably stay in int16 in every lane, whatever the
    /// activations (0 … maxActivation): lane h of channel c takes the pair (4q + 2h, 4q + 2h + 1) per group,
    /// so its positive part is at most maxActivation · Σ w⁺ over the run and its negative part the same with w⁻.
    /// Checked over every run of that length, so any chunking of a row into such runs is exact.
    /// </summary>
    private static int QuadsPerWiden(GemmPlan gemm, int maxActivation)
    {
        bool Fits(int length)
        {
            for (int b = 0; b < gemm.Blocks; b++)
            {
                for (int r = 0; r < gemm.Rows; r++)
                {
                    for (int lane = 0; lane < GemmPlan.BlockChannels; lane++)
                    {
                        for (int half = 0; half < 2; half++)
                        {
                            long positive = 0, negative = 0;
                            for (int q = 0; q < gemm.Quads; q++)
                            {
                                positive += Part(b, r, q, lane, half, +1);
                                negative += Part(b, r, q, lane, half, -1);
                                if (q >= length)
                                {
                                    positive -= Part(b, r, q - length, lane, half, +1);
                                    negative -= Part(b, r, q - length, lane, half, -1);
                                }

                                if (positive * maxActivation > short.MaxValue || negative * maxActivation > -short.MinValue)
                                {
                                    return false;
                                }
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

        int low = 1, high = gemm.Quads;
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
        if (dot.FloatOutput is not null)
        {
            gemm.Epilogue = GemmEpilogue.Raw;
            return;
        }

        int n = (1 << dot.OutputBits) - 1;
        gemm.ThresholdCount = n;
        var ranges = Enumerable.Range(0, dot.OutChannels).Select(oc => SignedRange(dot, oc)).ToArray();
        if (n > CompareCheaperUpTo && TryAffine(dot, gemm, ranges, n))
        {
            gemm.Epilogue = GemmEpilogue.Affine;
            return;
        }

        if (n > MaxVectorThresholds)
        {
            gemm.Epilogue = GemmEpilogue.Raw;
            return;
        }

        gemm.Epilogue = GemmEpilogue.Thresholds;
        var vector = new int[gemm.Blocks * n * GemmPlan.BlockChannels];
        for (int i = 0; i < vector.Length; i++)
        {
            vector[i] = int.MaxValue;
        }

        for (int oc = 0; oc < dot.OutChannels; oc++)
        {
            int block = oc / GemmPlan.BlockChannels, lane = oc % GemmPlan.BlockChannels;
            var (low, high) = ranges[oc];
            for (int j = 0; j < n; j++)
            {
                long t = dot.Thresholds[(oc * n) + j];
                vector[(((block * n) + j) * GemmPlan.BlockChannels) + lane] = t <= low ? int.MinValue : t > high ? int.MaxValue : (int)(t - 1);
            }
        }

        gemm.VectorThresholds = vector;
        if (dot.HasNegated)
        {
            var masks = new int[gemm.Blocks * GemmPlan.BlockChannels];
            for (int oc = 0; oc < dot.OutChannels; oc++)
            {
                masks[oc] = dot.Negated[oc] ? -1 : 0;
            }

            gemm.SignMasks = masks;
        }
    }

    private static bool TryAffine(DotLayerPlan dot, GemmPlan gemm, (long Low, long High)[] ranges, int n)
    {
        var scales = new double[gemm.Blocks * GemmPlan.BlockChannels];
        var offsets = new double[scales.Length];
        for (int oc = 0; oc < dot.OutChannels; oc++)
        {
            var row = new int[n];
            Array.Copy(dot.Thresholds, oc * n, row, 0, n);
            if (!AffineRequantization.TryFit(row, ranges[oc].Low, ranges[oc].High, dot.Negated[oc], out scales[oc], out offsets[oc]))
            {
                return false;
            }
        }

        gemm.Scales = scales;
        gemm.Offsets = offsets;
        return true;
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
