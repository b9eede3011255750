using System;
using LowBit.Manifest;

namespace LowBit.BitExact;

/// <summary>
/// Inputs that exercise the whole input quantizer: uniform values over the representable range and a
/// margin beyond it (clamping), exact rounding ties, and ±∞, ±0 sprinkled in (NaN is refused: see NaNCheck).
/// </summary>
internal sealed class InputSampler
{
    private static readonly float[] Specials = { float.PositiveInfinity, float.NegativeInfinity, 0f, -0f };

    private readonly LevelFormat _levels;
    private readonly Random _random;

    public InputSampler(LevelFormat levels, int seed)
    {
        _levels = levels;
        _random = new Random(seed);
    }

    public void Fill(Span<float> input, int sample)
    {
        float low = (_levels.Min - _levels.ZeroPoint - 2) * _levels.Scale;
        float high = (_levels.Max - _levels.ZeroPoint + 2) * _levels.Scale;
        for (int i = 0; i < input.Length; i++)
        {
            int kind = _random.Next(16);
            input[i] = kind switch
            {
                0 when sample % 4 == 3 => Specials[_random.Next(Specials.Length)],
                1 => (_random.Next(_levels.Min - _levels.ZeroPoint - 1, _levels.Max - _levels.ZeroPoint + 1) + 0.5f) * _levels.Scale,
                _ => low + ((float)_random.NextDouble() * (high - low)),
            };
        }
    }
}
