using System.Linq;

namespace LowBit.Manifest;

/// <summary>Checks of a layer's <c>requantize</c> object against the layer's output channel count.</summary>
internal static class RequantizationRules
{
    /// <summary>True when the requantization is valid for <paramref name="channels"/> output channels.</summary>
    public static bool Check(ValidationContext context, Requantization requantization, int channels, string path) => requantization switch
    {
        ThresholdRequantization thresholds => CheckThresholds(context, thresholds, channels, path),
        FloatOutput output => CheckFloatOutput(context, output, channels, path),
        _ => context.Check(false, path, "expected a thresholds or float requantization"),
    };

    private static bool CheckThresholds(ValidationContext context, ThresholdRequantization requantization, int channels, string path)
    {
        if (!LevelRules.CheckLevelFormat(context, requantization.Levels, path))
        {
            return false;
        }

        int perChannel = requantization.ThresholdsPerChannel;
        long expected = (long)channels * perChannel;
        var thresholds = requantization.Thresholds;
        if (!context.Check(
                thresholds.Length == expected,
                path + ".thresholds",
                $"expected {expected} int32 thresholds ({expected * 4} bytes: {channels} channels × {perChannel} per channel for {requantization.Levels.Bits}-bit output), found {thresholds.Length} ({thresholds.Length * 4L} bytes)"))
        {
            return false;
        }

        for (int c = 0; c < channels; c++)
        {
            var row = requantization.ChannelThresholds(c);
            for (int j = 0; j + 1 < row.Length; j++)
            {
                if (row[j] > row[j + 1])
                {
                    context.Add(
                        path + ".thresholds",
                        $"expected each channel's thresholds in non-decreasing order, found T[{j}] = {row[j]} > T[{j + 1}] = {row[j + 1]} in channel {c}");
                    return false;
                }
            }
        }

        var negated = requantization.NegatedChannels.ToArray();
        for (int k = 0; k < negated.Length; k++)
        {
            bool inRange = negated[k] >= 0 && negated[k] < channels;
            bool increasing = k == 0 || negated[k] > negated[k - 1];
            if (!context.Check(
                    inRange && increasing,
                    $"{path}.negatedChannels[{k}]",
                    $"expected strictly increasing channel indices from 0 to {channels - 1}, found {negated[k]}"))
            {
                return false;
            }
        }

        return true;
    }

    private static bool CheckFloatOutput(ValidationContext context, FloatOutput output, int channels, string path)
    {
        bool valid = CheckFloats(context, output.Scale.ToArray(), channels, path + ".scale", "scales");
        valid &= CheckFloats(context, output.Bias.ToArray(), channels, path + ".bias", "biases");
        return valid;
    }

    private static bool CheckFloats(ValidationContext context, float[] values, int channels, string path, string what)
    {
        if (!context.Check(
                values.Length == channels,
                path,
                $"expected {channels} float32 {what} ({channels * 4L} bytes, one per output channel), found {values.Length} ({values.Length * 4L} bytes)"))
        {
            return false;
        }

        for (int c = 0; c < values.Length; c++)
        {
            if (float.IsNaN(values[c]) || float.IsInfinity(values[c]))
            {
                context.Add(path, $"expected finite {what}, found {values[c].ToString(System.Globalization.CultureInfo.InvariantCulture)} for channel {c}");
                return false;
            }
        }

        return true;
    }
}
