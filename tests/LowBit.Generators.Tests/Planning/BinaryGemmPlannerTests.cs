extern alias generator;

using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using LowBit.Manifest;
using LowBit.TestModels;
using GeneratorLayerPlan = generator::LowBit.Generators.LayerPlan;
using GeneratorManifestReader = generator::LowBit.Manifest.ManifestReader;
using ModelPlanner = generator::LowBit.Generators.ModelPlanner;

namespace LowBit.Generators.Tests.Planning;

/// <summary>
/// The binary GEMM plan on its own, independent of any kernel: for every catalog layer that gets one, the
/// plan's words, masks, nibble-split weight bits and +1 counts give n₊ − popcount((a XOR b) AND m) = Σ w·a for
/// every output pixel and channel of a random 0/1 input, read through the plan's own window geometry; and
/// layers that are not binary (more than two activation levels, a weight other than ±1) get none.
/// </summary>
public sealed class BinaryGemmPlannerTests
{
    public static IEnumerable<object[]> CatalogNames => ModelCatalog.ModelNames;

    [Fact]
    public void The_catalog_has_binary_layers_of_every_shape_the_plan_handles()
    {
        var plans = ModelCatalog.All.SelectMany(m => Plan(m).Where(l => l.Gemm?.Binary is not null)).ToList();
        Assert.True(plans.Count >= 12, $"only {plans.Count} binary layers in the catalog");
        Assert.Contains(plans, l => l.Gemm!.Binary!.RowBits % 32 != 0);
        Assert.Contains(plans, l => l.Gemm!.Binary!.Rows * l.Gemm!.Binary!.Words > 31);
        Assert.Contains(plans, l => l.Gemm!.Binary!.PadBit == 1 && l.Gemm!.Binary!.PadTop > 0);
        Assert.Contains(plans, l => l.Gemm!.Binary!.Geometry.Calls == 1 && l.Gemm!.Binary!.Geometry.PixelsPerCall > 8);
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void Binary_plans_reproduce_the_integer_dot_product(string name)
    {
        var random = new Random(7);
        foreach (var layer in Plan(ModelCatalog.Get(name)))
        {
            var dot = layer.Dot;
            if (dot is null || layer.Gemm is null)
            {
                continue;
            }

            bool twoLevels = dot.Input.MaxStored == 1;
            bool signs = Enumerable.Range(0, dot.OutChannels).All(oc => Enumerable.Range(0, dot.K).All(k => Math.Abs((int)dot.Weights[(oc * dot.PaddedK) + k]) == 1));
            var binary = layer.Gemm.Binary;
            if (!twoLevels || !signs)
            {
                Assert.Null(binary);
                continue;
            }

            if (binary is null)
            {
                // Two levels and ±1 weights, but window rows that do not start on whole bytes (channels not a multiple of 8).
                Assert.NotEqual(0, layer.Gemm.RowBytes % 8 + (dot.Input.Channels % 8));
                continue;
            }

            var image = RandomPaddedImage(binary, random);
            var g = binary.Geometry;
            for (int call = 0; call < g.Calls; call++)
            {
                for (int p = 0; p < g.PixelsPerCall; p++)
                {
                    int start = (call * g.InputStepPerCall) + (p * g.PixelStride);
                    for (int oc = 0; oc < dot.OutChannels; oc++)
                    {
                        Assert.Equal(Direct(dot, binary, image, start, oc), FromPlan(binary, image, start, oc));
                    }
                }
            }
        }
    }

    /// <summary>Σ w·a over the window, straight from the plan's int8 weights and the image's bits.</summary>
    private static int Direct(generator::LowBit.Generators.DotLayerPlan dot, generator::LowBit.Generators.BinaryGemmPlan plan, byte[] image, int start, int oc)
    {
        int sum = 0;
        for (int r = 0; r < plan.Rows; r++)
        {
            int rowBit = (start + (r * plan.Geometry.RowStride)) * 8;
            for (int i = 0; i < plan.RowBits; i++)
            {
                int a = (image[(rowBit + i) / 8] >> ((rowBit + i) % 8)) & 1;
                sum += dot.Weights[(oc * dot.PaddedK) + (r * plan.RowBits) + i] * a;
            }
        }

        return sum;
    }

    /// <summary>
    /// n₊ − Σ popcount((a XOR b) AND m) with the plan's whole words, after checking that the x64 nibble forms of the
    /// same word and mask join back to them.
    /// </summary>
    private static int FromPlan(generator::LowBit.Generators.BinaryGemmPlan plan, byte[] image, int start, int oc)
    {
        int block = oc / 16, lane = oc % 16;
        int sum = plan.Positives[(block * 16) + lane];
        for (int r = 0; r < plan.Rows; r++)
        {
            for (int j = 0; j < plan.Words; j++)
            {
                int at = start + (r * plan.Geometry.RowStride) + (4 * j);
                uint a = BitConverter.ToUInt32(image, at);
                int group = (block * plan.Rows * plan.Words) + (r * plan.Words) + j;
                uint b = plan.Weights[(group * 16) + lane];
                uint m = plan.Masks[j];
                Assert.Equal(b, plan.WeightNibbles[(group * 32) + lane] | (plan.WeightNibbles[(group * 32) + 16 + lane] << 4));
                Assert.Equal(m, plan.MaskNibbles[2 * j] | (plan.MaskNibbles[(2 * j) + 1] << 4));
                Assert.Equal(0u, b & ~m);
                sum -= BitOperations.PopCount((a ^ b) & m);
            }
        }

        return sum;
    }

    /// <summary>A packed image of random bits with the plan's border level, and room for the last word's read.</summary>
    private static byte[] RandomPaddedImage(generator::LowBit.Generators.BinaryGemmPlan plan, Random random)
    {
        var image = new byte[plan.ImageBytes + 8];
        random.NextBytes(image);
        int pixelBytes = plan.Channels / 8;
        for (int y = 0; y < plan.PaddedHeight; y++)
        {
            for (int x = 0; x < plan.PaddedWidth; x++)
            {
                bool border = y < plan.PadTop || y >= plan.PadTop + plan.Height || x < plan.PadLeft || x >= plan.PadLeft + plan.Width;
                if (border)
                {
                    Array.Fill(image, plan.PadBit == 1 ? (byte)0xFF : (byte)0, ((y * plan.PaddedWidth) + x) * pixelBytes, pixelBytes);
                }
            }
        }

        return image;
    }

    private static IReadOnlyList<GeneratorLayerPlan> Plan(TestModel model)
    {
        var manifest = GeneratorManifestReader.ReadText(ManifestWriter.ToJson(model.Manifest), model.Name + ".lbq");
        var problems = new List<(string, string)>();
        var plan = ModelPlanner.Plan(manifest, model.Name + ".lbq", "Model", "Tests", optimizedBuild: true, problems);
        Assert.Empty(problems);
        return plan.Layers;
    }
}
