using System;
using LowBit.Manifest;

namespace LowBit.Onnx.Tests;

/// <summary>
/// Inputs that exercise the input quantizer: values across the range and beyond it, exact rounding ties,
/// and NaN and ±∞.
/// </summary>
internal static class SampleInputs
{
    private static readonly float[] Specials = { float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f };

    public static float[] Batch(LevelFormat levels, int sampleLength, int batchSize, int seed)
    {
        var random = new Random(seed);
        float low = (levels.Min - levels.ZeroPoint - 2) * levels.Scale;
        float high = (levels.Max - levels.ZeroPoint + 2) * levels.Scale;
        var batch = new float[sampleLength * batchSize];
        for (int i = 0; i < batch.Length; i++)
        {
            batch[i] = random.Next(16) switch
            {
                0 => Specials[random.Next(Specials.Length)],
                1 => (random.Next(levels.Min - levels.ZeroPoint - 1, levels.Max - levels.ZeroPoint + 1) + 0.5f) * levels.Scale,
                _ => low + ((float)random.NextDouble() * (high - low)),
            };
        }

        return batch;
    }
}
