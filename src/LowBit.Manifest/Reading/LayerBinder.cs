namespace LowBit.Manifest;

/// <summary>Binds one element of the <c>layers</c> array to its <see cref="Layer"/> subclass.</summary>
internal static class LayerBinder
{
    public static Layer Bind(JsonObjectReader reader)
    {
        var id = reader.RequireString(JsonNames.Id);
        var opName = reader.RequireString(JsonNames.Op);
        if (!LayerOpNames.TryParse(opName, out var op))
        {
            throw reader.Error(
                reader.MemberPath(JsonNames.Op),
                $"expected one of {string.Join(", ", LayerOpNames.All)}; found unknown op \"{opName}\"",
                ManifestErrorKind.Unsupported);
        }

        var inputs = reader.RequireStringArray(JsonNames.Inputs);
        var outputShape = ManifestBinder.ReadShape(reader, JsonNames.OutputShape);

        Layer layer = op switch
        {
            LayerOp.Conv2d => new Conv2dLayer(
                id,
                inputs,
                outputShape,
                reader.RequireInt(JsonNames.InChannels),
                reader.RequireInt(JsonNames.OutChannels),
                ReadWindow(reader),
                reader.RequireInt(JsonNames.Groups),
                ReadWeights(reader.RequireObject(JsonNames.Weights)),
                ReadRequantization(reader.RequireObject(JsonNames.Requantize))),
            LayerOp.Linear => new LinearLayer(
                id,
                inputs,
                outputShape,
                reader.RequireInt(JsonNames.InFeatures),
                reader.RequireInt(JsonNames.OutFeatures),
                ReadWeights(reader.RequireObject(JsonNames.Weights)),
                ReadRequantization(reader.RequireObject(JsonNames.Requantize))),
            LayerOp.MaxPool2d => new MaxPool2dLayer(id, inputs, outputShape, ReadWindow(reader)),
            LayerOp.AvgPool2d => new AvgPool2dLayer(id, inputs, outputShape, ReadWindow(reader)),
            LayerOp.GlobalAvgPool => new GlobalAvgPoolLayer(id, inputs, outputShape),
            LayerOp.Add => ReadAdd(reader, id, inputs, outputShape),
            _ => new FlattenLayer(id, inputs, outputShape),
        };

        reader.RejectUnknownMembers();
        return layer;
    }

    private static AddLayer ReadAdd(JsonObjectReader reader, string id, System.Collections.Generic.IReadOnlyList<string> inputs, TensorShape outputShape)
    {
        var multipliers = reader.RequireIntArray(JsonNames.Multipliers, 2);
        var requantizeReader = reader.RequireObject(JsonNames.Requantize);
        if (ReadRequantization(requantizeReader) is not ThresholdRequantization thresholds)
        {
            throw reader.Error(requantizeReader.MemberPath(JsonNames.Kind), $"expected \"{JsonNames.KindThresholds}\" (an add produces integer levels), found \"{JsonNames.KindFloat}\"");
        }

        return new AddLayer(id, inputs, outputShape, multipliers[0], multipliers[1], thresholds);
    }

    private static Window2d ReadWindow(JsonObjectReader reader)
    {
        var kernel = reader.RequireIntArray(JsonNames.Kernel, 2);
        var stride = reader.RequireIntArray(JsonNames.Stride, 2);
        var padding = reader.RequireIntArray(JsonNames.Padding, 4);
        return new Window2d(kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], padding[2], padding[3]);
    }

    private static PackedWeights ReadWeights(JsonObjectReader reader)
    {
        var encodingName = reader.RequireString(JsonNames.Encoding);
        WeightEncoding encoding = encodingName switch
        {
            JsonNames.EncodingBinary => WeightEncoding.Binary,
            JsonNames.EncodingTernary => WeightEncoding.Ternary,
            JsonNames.EncodingSigned => WeightEncoding.Signed,
            _ => throw reader.Error(
                reader.MemberPath(JsonNames.Encoding),
                $"expected \"{JsonNames.EncodingBinary}\", \"{JsonNames.EncodingTernary}\" or \"{JsonNames.EncodingSigned}\", found \"{encodingName}\"",
                ManifestErrorKind.Unsupported),
        };

        var weights = new PackedWeights(encoding, reader.RequireInt(JsonNames.Bits), reader.RequireBase64(JsonNames.Data));
        reader.RejectUnknownMembers();
        return weights;
    }

    private static Requantization ReadRequantization(JsonObjectReader reader)
    {
        var kind = reader.RequireString(JsonNames.Kind);
        Requantization result;
        switch (kind)
        {
            case JsonNames.KindThresholds:
                var levels = ManifestBinder.ReadLevelFormat(reader);
                var negated = reader.RequireIntArray(JsonNames.NegatedChannels);
                var thresholds = LittleEndianArrays.ToInt32(reader.RequireBase64Words(JsonNames.Thresholds));
                result = new ThresholdRequantization(levels, thresholds, negated);
                break;
            case JsonNames.KindFloat:
                result = new FloatOutput(
                    LittleEndianArrays.ToFloat32(reader.RequireBase64Words(JsonNames.Scale)),
                    LittleEndianArrays.ToFloat32(reader.RequireBase64Words(JsonNames.Bias)));
                break;
            default:
                throw reader.Error(
                    reader.MemberPath(JsonNames.Kind),
                    $"expected \"{JsonNames.KindThresholds}\" or \"{JsonNames.KindFloat}\", found \"{kind}\"",
                    ManifestErrorKind.Unsupported);
        }

        reader.RejectUnknownMembers();
        return result;
    }
}
