namespace LowBit.Manifest;

/// <summary>JSON member names of manifest v1, shared by the reader, the writer and the validator's error paths.</summary>
internal static class JsonNames
{
    public const string Format = "format";
    public const string FormatVersion = "formatVersion";
    public const string Producer = "producer";
    public const string ProducerName = "name";
    public const string ProducerVersion = "version";
    public const string Name = "name";
    public const string Input = "input";
    public const string Layers = "layers";
    public const string Checksum = "checksum";

    public const string Shape = "shape";
    public const string Bits = "bits";
    public const string Signed = "signed";
    public const string ZeroPoint = "zeroPoint";
    public const string Scale = "scale";

    public const string Id = "id";
    public const string Op = "op";
    public const string Inputs = "inputs";
    public const string OutputShape = "outputShape";
    public const string InChannels = "inChannels";
    public const string OutChannels = "outChannels";
    public const string InFeatures = "inFeatures";
    public const string OutFeatures = "outFeatures";
    public const string Kernel = "kernel";
    public const string Stride = "stride";
    public const string Padding = "padding";
    public const string Groups = "groups";
    public const string Weights = "weights";
    public const string Encoding = "encoding";
    public const string Data = "data";
    public const string Requantize = "requantize";
    public const string Kind = "kind";
    public const string Thresholds = "thresholds";
    public const string NegatedChannels = "negatedChannels";
    public const string Bias = "bias";
    public const string Multipliers = "multipliers";

    public const string KindThresholds = "thresholds";
    public const string KindFloat = "float";

    public const string EncodingBinary = "binary";
    public const string EncodingTernary = "ternary";
    public const string EncodingSigned = "signed";

    /// <summary>Every member name manifest v1 uses, so a reader can tell a misspelling from a real member.</summary>
    public static readonly System.Collections.Generic.HashSet<string> All = new(
        new[]
        {
            Format, FormatVersion, Producer, ProducerName, ProducerVersion, Name, Input, Layers, Checksum,
            Shape, Bits, Signed, ZeroPoint, Scale,
            Id, Op, Inputs, OutputShape, InChannels, OutChannels, InFeatures, OutFeatures, Kernel, Stride, Padding, Groups,
            Weights, Encoding, Data, Requantize, Kind, Thresholds, NegatedChannels, Bias, Multipliers,
        },
        System.StringComparer.Ordinal);

    public static string ToName(this WeightEncoding encoding) => encoding switch
    {
        WeightEncoding.Binary => EncodingBinary,
        WeightEncoding.Ternary => EncodingTernary,
        _ => EncodingSigned,
    };
}
