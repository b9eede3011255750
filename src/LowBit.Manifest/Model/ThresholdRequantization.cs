using System;

namespace LowBit.Manifest;

/// <summary>
/// Multi-threshold requantization: for channel c, the output level is
/// <c>Levels.Min + #{ j : s_c · acc ≥ T[c, j] }</c>, where s_c is −1 for channels listed in
/// <see cref="NegatedChannels"/> (a decreasing activation, e.g. BatchNorm with negative γ) and +1 otherwise.
/// BatchNorm, bias, scales, zero points, ReLU and clipping all fold into the thresholds at export.
/// </summary>
public sealed class ThresholdRequantization : Requantization
{
    private readonly int[] _thresholds;
    private readonly int[] _negatedChannels;

    public ThresholdRequantization(LevelFormat levels, int[] thresholds, int[]? negatedChannels = null)
    {
        Levels = levels;
        _thresholds = thresholds ?? throw new ArgumentNullException(nameof(thresholds));
        _negatedChannels = negatedChannels ?? Array.Empty<int>();
    }

    /// <summary>The integer grid of the output levels.</summary>
    public LevelFormat Levels { get; }

    /// <summary>Thresholds per output level step: 2^bits − 1 of them per channel.</summary>
    public int ThresholdsPerChannel => Levels.LevelCount - 1;

    /// <summary>Channel-major thresholds, <c>[channel, j]</c>, each channel's row non-decreasing.</summary>
    public ReadOnlySpan<int> Thresholds => _thresholds;

    /// <summary>Channels whose accumulator is negated before comparison, in increasing order.</summary>
    public ReadOnlySpan<int> NegatedChannels => _negatedChannels;

    public ReadOnlySpan<int> ChannelThresholds(int channel) =>
        _thresholds.AsSpan(channel * ThresholdsPerChannel, ThresholdsPerChannel);

    public bool IsNegated(int channel) => Array.BinarySearch(_negatedChannels, channel) >= 0;
}
