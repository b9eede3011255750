using System;
using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>
/// A Quant, BipolarQuant, MultiThreshold or Trunc node (or a QuantizeLinear) applied to activations, seen as a map from the graph's
/// float32 value of a channel to a level 0 … LevelCount − 1, plus how a level maps back to the graph's
/// real value: (α·level + β)·scale.
/// </summary>
internal sealed partial class ActivationQuantizer
{
    private readonly Func<float, int, int> _level;

    private ActivationQuantizer(SourceNode node, int levelCount, int alpha, int beta, double scale, Func<float, int, int> level, string description)
    {
        Node = node;
        LevelCount = levelCount;
        Alpha = alpha;
        Beta = beta;
        Scale = scale;
        _level = level;
        Description = description;
    }

    public SourceNode Node { get; }

    public int LevelCount { get; }

    public int Alpha { get; }

    public int Beta { get; }

    public double Scale { get; }

    public string Description { get; }

    /// <summary>Bits of the manifest's unsigned level grid: the fewest holding LevelCount levels.</summary>
    public int Bits => Math.Max(1, (int)Math.Ceiling(Math.Log2(LevelCount)));

    /// <summary>The level the graph's quantizer outputs for float32 value <paramref name="value"/> of channel <paramref name="channel"/>.</summary>
    public int Level(float value, int channel) => _level(value, channel);

    public static bool IsQuantizer(SourceNode node) =>
        node.IsQonnx("Quant") || node.IsQonnx("BipolarQuant") || node.IsQonnx("MultiThreshold") || node.IsQonnx("Trunc") || node.Is("QuantizeLinear");

    /// <param name="prescaled">
    /// For QuantizeLinear fused into the layer before it: the value is already divided by the output
    /// scale (<see cref="FusedRequantization"/>), so the level is clamp, round half to even, plus zero point.
    /// </param>
    /// <param name="clip">For QCDQ (QuantizeLinear → Clip → DequantizeLinear): the integer bounds of the Clip, which narrow the levels.</param>
    /// <param name="inputRange">
    /// The smallest and largest float32 value the graph can feed this node (from the accumulator's range), for
    /// quantizers that state no output range of their own (qonnx's first Trunc); null on the model input.
    /// </param>
    public static ActivationQuantizer FromNode(SourceNode node, GraphFacts facts, int channels, bool prescaled = false, (double Low, double High)? clip = null, (float Min, float Max)? inputRange = null)
    {
        if (node.Is("QuantizeLinear"))
        {
            return FromLinear(node, facts, 1, 2, prescaled, clip);
        }

        if (node.IsQonnx("BipolarQuant"))
        {
            double scale = Scalar(node, facts.Constant(node, 1), "scale");
            return new ActivationQuantizer(node, 2, 2, -1, scale, (v, _) => v >= 0 ? 1 : 0, "bipolar ±1");
        }

        if (node.IsQonnx("MultiThreshold"))
        {
            return FromMultiThreshold(node, facts, channels);
        }

        if (node.IsQonnx("Trunc"))
        {
            return FromTrunc(node, facts, inputRange);
        }

        var settings = QuantSettings.Read(node, facts.Constant(node, 3));
        double quantScale = Scalar(node, facts.Constant(node, 1), "scale");
        double zeroPoint = Scalar(node, facts.Constant(node, 2), "zero point");
        if (zeroPoint != Math.Floor(zeroPoint))
        {
            throw OnnxImportException.AtNode(node, $"zero point {zeroPoint} is not an integer; the levels would not be integers.");
        }

        if (settings.Bits == 1 && settings.Signed)
        {
            return new ActivationQuantizer(node, 2, 2, -1, quantScale, (v, _) => QonnxFormulas.QuantInteger(v, (float)quantScale, (float)zeroPoint, 1, true, false, settings.Rounding) > 0 ? 1 : 0, "1-bit signed Quant (bipolar ±1)");
        }

        var (min, max) = QonnxFormulas.IntRange(settings.Signed, settings.Narrow, settings.Bits);
        return IntegerGrid(node, settings.Bits, (min, max), zeroPoint, quantScale,
            (v, _) => (int)(QonnxFormulas.QuantInteger(v, (float)quantScale, (float)zeroPoint, settings.Bits, settings.Signed, settings.Narrow, settings.Rounding) - min),
            $"{settings.Bits}-bit {(settings.Signed ? "signed" : "unsigned")}{(settings.Narrow ? " narrow" : string.Empty)} Quant, {settings.Rounding}, levels {min} … {max}");
    }

    /// <summary>
    /// A quantizer onto the integers min … max whose real value is (q − shift)·scale, so level = q − min and
    /// β = min − shift; refused beyond the 256 levels of the manifest's 8-bit activations (compared in double,
    /// so a 32-bit grid cannot wrap around to a small count).
    /// </summary>
    private static ActivationQuantizer IntegerGrid(SourceNode node, double bits, (double Min, double Max) range, double shift, double scale, Func<float, int, int> level, string description) =>
        range.Max - range.Min + 1 <= 256
            ? new ActivationQuantizer(node, (int)(range.Max - range.Min) + 1, 1, (int)(range.Min - shift), scale, level, description)
            : throw OnnxImportException.AtNode(node, $"{bits}-bit activations are wider than the 8 bits the manifest holds.");

    /// <summary>
    /// QuantizeLinear (scale and zero point at inputs 1 and 2), or the output quantization of QLinearConv and
    /// QLinearMatMul (inputs 6 and 7), which ONNX Runtime always computes fused (<paramref name="prescaled"/>).
    /// </summary>
    public static ActivationQuantizer FromLinear(SourceNode node, GraphFacts facts, int scaleInput, int zeroInput, bool prescaled, (double Low, double High)? clip)
    {
        var (scale, zeroPoint, min, max) = LinearQuantization.Read(node, facts, scaleInput, zeroInput);
        float s = (float)scale;
        if (clip is { } bounds)
        {
            // Clamping q to [low, high] after saturation equals saturating to the narrower range directly.
            (min, max) = (Math.Max(min, bounds.Low), Math.Min(max, bounds.High));
        }

        return new ActivationQuantizer(
            node,
            (int)(max - min) + 1,
            1,
            (int)(min - zeroPoint),
            scale,
            (v, _) => (int)(Math.Clamp(MathF.Round(prescaled ? Math.Clamp(v, (float)(min - zeroPoint), (float)(max - zeroPoint)) : v / s, MidpointRounding.ToEven) + zeroPoint, min, max) - min),
            $"{(node.Is("QuantizeLinear") ? "QuantizeLinear" : "output quantization")}{(clip is null ? string.Empty : " + Clip")}, levels {min} … {max}, zero point {zeroPoint}{(prescaled ? ", fused as ONNX Runtime fuses it" : string.Empty)}");
    }

    private static ActivationQuantizer FromMultiThreshold(SourceNode node, GraphFacts facts, int channels)
    {
        var thresholds = facts.Constant(node, 1);
        var settings = MultiThresholdSettings.Read(node, thresholds);
        if (thresholds.Shape[0] != 1 && thresholds.Shape[0] != channels)
        {
            throw OnnxImportException.AtNode(node, $"thresholds have {thresholds.Shape[0]} rows; expected 1 or {channels} (one per channel).");
        }

        // out = out_scale·count + out_bias must be (α·count + β)·scale with integers α, β.
        var (alpha, beta, scale) = IsInteger(settings.OutScale) && IsInteger(settings.OutBias)
            ? ((int)settings.OutScale, (int)settings.OutBias, 1.0)
            : IsInteger(settings.OutBias / settings.OutScale)
                ? (1, (int)(settings.OutBias / settings.OutScale), (double)settings.OutScale)
                : throw OnnxImportException.AtNode(node, $"out_bias {settings.OutBias} is not an integer multiple of out_scale {settings.OutScale}; the levels would not be integers.");
        if (alpha <= 0)
        {
            throw OnnxImportException.AtNode(node, $"out_scale {settings.OutScale} is not positive.");
        }

        int rows = thresholds.Shape[0];
        return new ActivationQuantizer(
            node,
            thresholds.Shape[1] + 1,
            alpha,
            beta,
            scale,
            (v, c) => QonnxFormulas.ThresholdCount(v, settings.Row(thresholds, rows == 1 ? 0 : c)),
            $"MultiThreshold, {thresholds.Shape[1]} thresholds{(settings.OutType.Length > 0 ? ", " + settings.OutType : string.Empty)}");
    }

    private static bool IsInteger(double value) => value == Math.Floor(value) && Math.Abs(value) < 1 << 20;

    private static double Scalar(SourceNode node, OnnxTensor tensor, string what)
    {
        if (tensor.Length != 1)
        {
            throw OnnxImportException.AtNode(node, $"per-channel {what} on activations is not supported (found shape [{string.Join(", ", tensor.Shape)}]); expected one value.");
        }

        return tensor.Values[0] > 0 || what != "scale"
            ? tensor.Values[0]
            : throw OnnxImportException.AtNode(node, $"scale {tensor.Values[0]} is not positive.");
    }
}
