using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LowBit.Manifest;

/// <summary>Writes one layer object of the <c>layers</c> array.</summary>
internal static class LayerJsonWriter
{
    public static void Write(Utf8JsonWriter writer, Layer layer)
    {
        writer.WriteStartObject();
        writer.WriteString(JsonNames.Id, layer.Id);
        writer.WriteString(JsonNames.Op, layer.Op.ToName());
        writer.WriteStartArray(JsonNames.Inputs);
        foreach (var input in layer.Inputs)
        {
            writer.WriteStringValue(input);
        }

        writer.WriteEndArray();
        WriteIntArray(writer, JsonNames.OutputShape, layer.OutputShape.ToArray());

        switch (layer)
        {
            case Conv2dLayer conv:
                writer.WriteNumber(JsonNames.InChannels, conv.InChannels);
                writer.WriteNumber(JsonNames.OutChannels, conv.OutChannels);
                WriteWindow(writer, conv.Window);
                writer.WriteNumber(JsonNames.Groups, conv.Groups);
                WriteWeights(writer, conv.Weights);
                WriteRequantization(writer, conv.Requantize);
                break;
            case LinearLayer linear:
                writer.WriteNumber(JsonNames.InFeatures, linear.InFeatures);
                writer.WriteNumber(JsonNames.OutFeatures, linear.OutFeatures);
                WriteWeights(writer, linear.Weights);
                WriteRequantization(writer, linear.Requantize);
                break;
            case MaxPool2dLayer maxPool:
                WriteWindow(writer, maxPool.Window);
                break;
            case AvgPool2dLayer avgPool:
                WriteWindow(writer, avgPool.Window);
                break;
            case AddLayer add:
                WriteIntArray(writer, JsonNames.Multipliers, new[] { add.FirstMultiplier, add.SecondMultiplier });
                WriteRequantization(writer, add.Requantize);
                break;
            case GlobalAvgPoolLayer:
            case FlattenLayer:
                break;
            default:
                throw new NotSupportedException($"Layer type {layer.GetType().Name} has no JSON form.");
        }

        writer.WriteEndObject();
    }

    public static void WriteLevelFormat(Utf8JsonWriter writer, LevelFormat levels)
    {
        writer.WriteNumber(JsonNames.Bits, levels.Bits);
        writer.WriteBoolean(JsonNames.Signed, levels.Signed);
        writer.WriteNumber(JsonNames.ZeroPoint, levels.ZeroPoint);
        writer.WriteNumber(JsonNames.Scale, levels.Scale);
    }

    /// <summary>Writes a short integer array on one line (<c>[1, 28, 28]</c>), which indented output would spread over five.</summary>
    public static void WriteIntArray(Utf8JsonWriter writer, string name, ReadOnlySpan<int> values)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < values.Length; i++)
        {
            text.Append(i == 0 ? string.Empty : ", ").Append(values[i].ToString(CultureInfo.InvariantCulture));
        }

        writer.WritePropertyName(name);
        writer.WriteRawValue(text.Append(']').ToString(), skipInputValidation: true);
    }

    private static void WriteWindow(Utf8JsonWriter writer, Window2d window)
    {
        WriteIntArray(writer, JsonNames.Kernel, new[] { window.KernelHeight, window.KernelWidth });
        WriteIntArray(writer, JsonNames.Stride, new[] { window.StrideHeight, window.StrideWidth });
        WriteIntArray(writer, JsonNames.Padding, new[] { window.PadTop, window.PadLeft, window.PadBottom, window.PadRight });
    }

    private static void WriteWeights(Utf8JsonWriter writer, PackedWeights weights)
    {
        writer.WriteStartObject(JsonNames.Weights);
        writer.WriteString(JsonNames.Encoding, weights.Encoding.ToName());
        writer.WriteNumber(JsonNames.Bits, weights.Bits);
        writer.WriteBase64String(JsonNames.Data, weights.Data);
        writer.WriteEndObject();
    }

    private static void WriteRequantization(Utf8JsonWriter writer, Requantization requantization)
    {
        writer.WriteStartObject(JsonNames.Requantize);
        switch (requantization)
        {
            case ThresholdRequantization thresholds:
                writer.WriteString(JsonNames.Kind, JsonNames.KindThresholds);
                WriteLevelFormat(writer, thresholds.Levels);
                WriteIntArray(writer, JsonNames.NegatedChannels, thresholds.NegatedChannels);
                writer.WriteBase64String(JsonNames.Thresholds, LittleEndianArrays.FromInt32(thresholds.Thresholds));
                break;
            case FloatOutput output:
                writer.WriteString(JsonNames.Kind, JsonNames.KindFloat);
                writer.WriteBase64String(JsonNames.Scale, LittleEndianArrays.FromFloat32(output.Scale));
                writer.WriteBase64String(JsonNames.Bias, LittleEndianArrays.FromFloat32(output.Bias));
                break;
            default:
                throw new NotSupportedException($"Requantization type {requantization.GetType().Name} has no JSON form.");
        }

        writer.WriteEndObject();
    }
}
