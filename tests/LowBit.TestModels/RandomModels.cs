using System;
using System.Globalization;
using LowBit.Manifest;

namespace LowBit.TestModels;

/// <summary>
/// Random valid models beyond the catalog's fixed cases: a random input (vector or feature map, 1–8 bits,
/// signed or not, any zero point), then a random stack of convolutions (any kernel, stride and asymmetric
/// padding, grouped and depthwise), pools, residual adds, global average pools and linear layers, each with
/// random weight encoding (1–8 bits), activation bits, signedness, zero point and negated channels, ending
/// in a float-output conv or linear. The same seed always gives the same model.
/// </summary>
public static class RandomModels
{
    private const int MaxSide = 12;
    private const int MaxChannels = 12;

    // A wide model crosses the kernels' channel tiles and the 64-channel words of the binary path; its maps stay small.
    private const int WideMaxSide = 6;
    private const int WideMaxChannels = 72;

    public static TestModel Create(int seed)
    {
        var random = new Random(seed);
        var name = "random_" + seed.ToString(CultureInfo.InvariantCulture).Replace('-', 'm');
        var builder = new ModelBuilder(seed, name) { UniformThresholds = random.Next(4) == 0 };
        bool wide = random.Next(6) == 0;
        int maxChannels = wide ? WideMaxChannels : MaxChannels;
        int maxSide = wide ? WideMaxSide : MaxSide;
        var (bits, signed, zeroPoint) = Levels(random);
        if (random.Next(6) == 0)
        {
            builder.InputVector(random.Next(1, (4 * maxChannels) + 1), bits, signed, zeroPoint);
        }
        else
        {
            builder.Input(random.Next(1, maxChannels + 1), random.Next(1, maxSide + 1), random.Next(1, maxSide + 1), bits, signed, zeroPoint);
        }

        int layers = random.Next(1, 6);
        for (int i = 0; i < layers; i++)
        {
            if (builder.CurrentShape.Rank == 3)
            {
                RandomFeatureMapLayer(builder, random, maxChannels);
            }
            else
            {
                RandomVectorLayer(builder, random);
            }
        }

        Head(builder, random);
        return new TestModel(name, builder.Build());
    }

    private static void RandomFeatureMapLayer(ModelBuilder builder, Random random, int maxChannels)
    {
        switch (random.Next(9))
        {
            case 0:
            case 1:
                Conv(builder, random, 1, maxChannels);
                break;
            case 2:
                Conv(builder, random, RandomDivisor(builder.CurrentShape.Channels, random), maxChannels);
                break;
            case 3:
                var (bits, signed, zeroPoint) = Levels(random);
                builder.DepthwiseConv2d(ConvWindow(builder.CurrentShape, random), random.Next(1, 3), Weights(random), bits, signed, zeroPoint, NegatedFraction(random));
                break;
            case 4:
                builder.MaxPool2d(PoolWindow(builder.CurrentShape, random));
                break;
            case 5:
                builder.AvgPool2d(PoolWindow(builder.CurrentShape, random));
                break;
            case 6:
            case 7:
                Residual(builder, random, ShapeKeepingFeatureMapBlock);
                break;
            default:
                if (random.Next(2) == 0)
                {
                    builder.GlobalAvgPool();
                }
                else
                {
                    builder.Flatten();
                }

                break;
        }
    }

    private static void RandomVectorLayer(ModelBuilder builder, Random random)
    {
        if (random.Next(3) == 0)
        {
            Residual(builder, random, (b, r) => Linear(b, r, b.CurrentShape.Channels));
        }
        else
        {
            Linear(builder, random, random.Next(1, 25));
        }
    }

    private static void Head(ModelBuilder builder, Random random)
    {
        if (builder.CurrentShape.Rank == 3 && random.Next(2) == 0)
        {
            builder.Conv2d(random.Next(1, 8), ConvWindow(builder.CurrentShape, random), weights: Weights(random));
            return;
        }

        if (builder.CurrentShape.Rank == 3)
        {
            builder.Flatten();
        }

        builder.Linear(random.Next(1, 11), Weights(random));
    }

    private static void Conv(ModelBuilder builder, Random random, int groups, int maxChannels)
    {
        int outChannels = groups * random.Next(1, (maxChannels / groups) + 2);
        var (bits, signed, zeroPoint) = Levels(random);
        builder.Conv2d(outChannels, ConvWindow(builder.CurrentShape, random), groups, Weights(random), bits, signed, zeroPoint, NegatedFraction(random));
    }

    private static void Linear(ModelBuilder builder, Random random, int outFeatures)
    {
        var (bits, signed, zeroPoint) = Levels(random);
        builder.Linear(outFeatures, Weights(random), bits, signed, zeroPoint, NegatedFraction(random));
    }

    private static void Residual(ModelBuilder builder, Random random, Action<ModelBuilder, Random> body)
    {
        var (bits, signed, zeroPoint) = Levels(random);
        int steps = random.Next(0, 3);
        builder.Residual(
            b =>
            {
                for (int i = 0; i < steps; i++)
                {
                    body(b, random);
                }

                return b;
            },
            bits,
            signed,
            zeroPoint,
            negatedFraction: NegatedFraction(random));
    }

    /// <summary>A residual branch keeps the shape: stride 1 with "same" padding, and the same channel count.</summary>
    private static void ShapeKeepingFeatureMapBlock(ModelBuilder builder, Random random)
    {
        int channels = builder.CurrentShape.Channels;
        int kernel = (2 * random.Next(0, 3)) + 1;
        var same = Window2d.Square(kernel, 1, kernel / 2);
        var (bits, signed, zeroPoint) = Levels(random);
        switch (random.Next(4))
        {
            case 0:
                builder.Conv2d(channels, same, RandomDivisor(channels, random), Weights(random), bits, signed, zeroPoint, NegatedFraction(random));
                break;
            case 1:
                builder.DepthwiseConv2d(same, 1, Weights(random), bits, signed, zeroPoint, NegatedFraction(random));
                break;
            case 2:
                builder.MaxPool2d(same);
                break;
            default:
                builder.AvgPool2d(same);
                break;
        }
    }

    /// <summary>Any kernel up to 5 that fits, stride 1–3, each side padded 0 to kernel − 1.</summary>
    private static Window2d ConvWindow(TensorShape shape, Random random)
    {
        while (true)
        {
            int kh = random.Next(1, 6);
            int kw = random.Next(1, 6);
            var window = new Window2d(kh, kw, random.Next(1, 4), random.Next(1, 4), random.Next(kh), random.Next(kw), random.Next(kh), random.Next(kw));
            if (window.OutputHeight(shape.Height) >= 1 && window.OutputWidth(shape.Width) >= 1)
            {
                return window;
            }
        }
    }

    /// <summary>Pooling pads at most half the kernel on each side.</summary>
    private static Window2d PoolWindow(TensorShape shape, Random random)
    {
        while (true)
        {
            int kh = random.Next(1, 4);
            int kw = random.Next(1, 4);
            var window = new Window2d(kh, kw, random.Next(1, 4), random.Next(1, 4), random.Next((kh / 2) + 1), random.Next((kw / 2) + 1), random.Next((kh / 2) + 1), random.Next((kw / 2) + 1));
            if (window.OutputHeight(shape.Height) >= 1 && window.OutputWidth(shape.Width) >= 1)
            {
                return window;
            }
        }
    }

    private static int RandomDivisor(int value, Random random)
    {
        while (true)
        {
            int candidate = random.Next(1, value + 1);
            if (value % candidate == 0)
            {
                return candidate;
            }
        }
    }

    private static WeightSpec Weights(Random random)
    {
        int bits = random.Next(1, 9);
        return bits == 1 ? WeightSpec.Binary : random.Next(4) == 0 && bits == 2 ? WeightSpec.Ternary : WeightSpec.Signed(bits);
    }

    /// <summary>1–8 bits, signed a third of the time, a non-zero zero point a quarter of the time.</summary>
    private static (int Bits, bool Signed, int ZeroPoint) Levels(Random random)
    {
        int bits = random.Next(LevelFormat.MinBits, LevelFormat.MaxBits + 1);
        bool signed = random.Next(3) == 0;
        var levels = new LevelFormat(bits, signed, 0, 1f);
        int zeroPoint = random.Next(4) == 0 ? random.Next(levels.Min, levels.Max + 1) : Math.Max(levels.Min, Math.Min(0, levels.Max));
        return (bits, signed, zeroPoint);
    }

    private static double NegatedFraction(Random random) => random.Next(4) == 0 ? random.NextDouble() : 0;
}
