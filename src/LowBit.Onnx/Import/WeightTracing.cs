using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>
/// Finds the integers behind a constant weight operand: through Transpose/Identity back to a Quant or
/// BipolarQuant of a constant (integers from QONNX's formula, scale from its input) or to a constant
/// that is already integer-valued (FINN's streamlined form, scale 1).
/// </summary>
internal static class WeightTracing
{
    /// <summary>
    /// The operand of <paramref name="consumer"/> input <paramref name="input"/> as integers laid out like
    /// the operand itself, and the scale broadcast to the same layout.
    /// </summary>
    public static (OnnxTensor Integers, OnnxTensor Scale, string Origin) Trace(SourceGraph graph, GraphFacts facts, SourceNode consumer, int input)
    {
        var (producer, perms) = Source(graph, facts, consumer.Inputs[input]);
        if (!IsWeightQuantizer(producer))
        {
            // The operand's folded constant has every transpose on the way applied already.
            return FromConstant(facts, consumer, input);
        }

        var (integers, scale, origin) = producer!.Is("DequantizeLinear") ? FromDequantizeLinear(facts, producer) : FromQuantizer(facts, producer);
        foreach (var perm in perms)
        {
            integers = ShapeOps.Permute(integers, perm);
            scale = ShapeOps.Permute(scale, perm);
        }

        return (integers, scale, origin);
    }

    /// <summary>
    /// Whether <see cref="Trace"/> finds integers behind the operand: a weight quantizer through Transpose/Identity, or
    /// integer values in the 8-bit range. The approximation quantizes only the operands for which this is false.
    /// </summary>
    public static bool IsQuantized(SourceGraph graph, GraphFacts facts, SourceNode consumer, int input) =>
        IsWeightQuantizer(Source(graph, facts, consumer.Inputs[input]).Producer)
        || (facts.Constants.TryGetValue(consumer.Inputs[input], out var w) && w.Values.All(IsInteger));

    /// <summary>The node behind <paramref name="operand"/> through Transpose/Identity (null for an initializer), and the transposes' permutations in the order they apply.</summary>
    private static (SourceNode? Producer, List<int[]> Perms) Source(SourceGraph graph, GraphFacts facts, string operand)
    {
        var perms = new List<int[]>();
        var producer = graph.ProducerOf(operand);
        while (producer is not null && (producer.Is("Transpose") || producer.Is("Identity")))
        {
            if (producer.Is("Transpose"))
            {
                int rank = facts.Shapes[producer.Inputs[0]].Length;
                perms.Insert(0, producer.Attributes.Ints("perm")?.Select(p => (int)p).ToArray() ?? Enumerable.Range(0, rank).Reverse().ToArray());
            }

            producer = graph.ProducerOf(producer.Inputs[0]);
        }

        return (producer, perms);
    }

    private static bool IsWeightQuantizer(SourceNode? producer) =>
        producer is not null && (producer.IsQonnx("Quant") || producer.IsQonnx("BipolarQuant") || producer.Is("DequantizeLinear"));

    private static bool IsInteger(double v) => v == Math.Floor(v) && Math.Abs(v) <= 128;

    private static (OnnxTensor, OnnxTensor, string) FromQuantizer(GraphFacts facts, SourceNode quantizer)
    {
        var x = facts.Constant(quantizer, 0);
        var scale = facts.Constant(quantizer, 1);
        var fullScale = Broadcasting.Apply(x, scale, (_, s) => s, TensorElement.Float, quantizer.Name);
        var values = new double[x.Length];
        string origin;
        if (quantizer.OpType == "BipolarQuant")
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = x.Values[i] >= 0 ? 1 : -1;
            }

            origin = $"BipolarQuant '{quantizer.Name}'";
        }
        else
        {
            var zero = facts.Constant(quantizer, 2);
            var settings = QuantSettings.Read(quantizer, facts.Constant(quantizer, 3));
            var fullZero = Broadcasting.Apply(x, zero, (_, z) => z, TensorElement.Float, quantizer.Name);
            for (int i = 0; i < values.Length; i++)
            {
                float q = QonnxFormulas.QuantInteger((float)x.Values[i], (float)fullScale.Values[i], (float)fullZero.Values[i], settings.Bits, settings.Signed, settings.Narrow, settings.Rounding);
                values[i] = q - fullZero.Values[i];
                if (values[i] != Math.Floor(values[i]))
                {
                    throw OnnxImportException.AtNode(quantizer, $"weight zero point {fullZero.Values[i]} is not an integer, so the weights are not integers.");
                }
            }

            origin = $"Quant '{quantizer.Name}' {settings.Bits}-bit {(settings.Signed ? "signed" : "unsigned")}{(settings.Narrow ? " narrow" : string.Empty)}";
        }

        return (new OnnxTensor(x.Shape, values), fullScale, origin);
    }

    /// <summary>DequantizeLinear of constant integers: values minus zero point, scale per tensor or per <c>axis</c>.</summary>
    private static (OnnxTensor, OnnxTensor, string) FromDequantizeLinear(GraphFacts facts, SourceNode dequantize)
    {
        var q = facts.Constant(dequantize, 0);
        int axis = ShapeOps.NormalizeAxis(dequantize, dequantize.Attributes.Int("axis", 1), q.Rank);
        var (values, scales) = Dequantized(q, facts.Constant(dequantize, 1), OptionalConstant(facts, dequantize, 2), axis);
        return (values, scales, $"DequantizeLinear '{dequantize.Name}' ({q.Element})");
    }

    /// <summary>
    /// The constant weight operand of an integer operator (QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger):
    /// integers minus their zero point, which is per tensor or per output channel along <paramref name="axis"/>
    /// (0 for a conv's [O, I, kh, kw], 1 for a matrix's [K, N] columns), with the scale likewise, or 1 when the
    /// operator has none (ConvInteger, MatMulInteger).
    /// </summary>
    public static (OnnxTensor Integers, OnnxTensor Scale, string Origin) IntegerOperand(GraphFacts facts, SourceNode node, int valueInput, int? scaleInput, int zeroInput, int axis)
    {
        var q = facts.Constant(node, valueInput);
        var scale = scaleInput is int s ? facts.Constant(node, s) : OnnxTensor.Scalar(1);
        var zero = OptionalConstant(facts, node, zeroInput);
        foreach (var (tensor, what) in new[] { (scale, "scale"), (zero, "zero point") })
        {
            if (tensor.Length != 1 && tensor.Length != q.Shape[axis])
            {
                throw OnnxImportException.AtNode(node, $"the weight {what} has {tensor.Length} values; expected 1 or one per output channel ({q.Shape[axis]}).");
            }
        }

        var (values, scales) = Dequantized(q, scale, zero, axis);
        return (values, scales, $"{q.Element} constant '{node.Inputs[valueInput]}'");
    }

    private static OnnxTensor OptionalConstant(GraphFacts facts, SourceNode node, int input) =>
        node.Inputs.Count > input && node.Inputs[input].Length > 0 ? facts.Constant(node, input) : OnnxTensor.Scalar(0);

    /// <summary>Integers q − zp and scales laid out like q, the parameters per tensor or per slice along <paramref name="axis"/>.</summary>
    private static (OnnxTensor Values, OnnxTensor Scales) Dequantized(OnnxTensor q, OnnxTensor scale, OnnxTensor zero, int axis)
    {
        int inner = ShapeOps.Product(q.Shape, axis + 1, q.Rank);
        var values = new double[q.Length];
        var scales = new double[q.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int slice = i / inner % q.Shape[axis];
            values[i] = q.Values[i] - zero.Values[zero.Length == 1 ? 0 : slice];
            scales[i] = scale.Values[scale.Length == 1 ? 0 : slice];
        }

        return (new OnnxTensor(q.Shape, values), new OnnxTensor(q.Shape, scales));
    }

    private static (OnnxTensor, OnnxTensor, string) FromConstant(GraphFacts facts, SourceNode consumer, int input)
    {
        var w = facts.Constant(consumer, input);
        if (!w.Values.All(IsInteger))
        {
            throw OnnxImportException.AtNode(consumer, $"weights '{consumer.Inputs[input]}' are not integers in −128 … 127 and no Quant node gives their scale; the import keeps only models whose weights are integers times a scale (quantize the weights, e.g. with Brevitas, and export QONNX).");
        }

        return (w, new OnnxTensor(w.Shape, Enumerable.Repeat(1.0, w.Length).ToArray()), $"integer constant '{consumer.Inputs[input]}'");
    }

    /// <summary>Weights of a [K, M] matrix operand as manifest rows [M, K] with one scale per output column.</summary>
    public static IntegerWeights MatrixColumns(SourceNode node, OnnxTensor integers, OnnxTensor scale, string origin)
    {
        int k = integers.Shape[0], m = integers.Shape[1];
        var values = new int[m * k];
        var columnScale = new double[m];
        for (int o = 0; o < m; o++)
        {
            columnScale[o] = scale.Values[o];
            for (int i = 0; i < k; i++)
            {
                values[o * k + i] = (int)integers.Values[i * m + o];
                if (scale.Values[i * m + o] != columnScale[o])
                {
                    throw OnnxImportException.AtNode(node, "the weight scale varies along the input dimension; only one scale per output channel can be folded.");
                }
            }
        }

        return Encode(node, values, m, columnScale, origin);
    }

    /// <summary>Weights whose first axis is the output channel (Conv's [O, I/g, kh, kw]).</summary>
    public static IntegerWeights OutputFirst(SourceNode node, OnnxTensor integers, OnnxTensor scale, string origin)
    {
        int outChannels = integers.Shape[0];
        int fanIn = integers.Length / outChannels;
        var channelScale = new double[outChannels];
        for (int o = 0; o < outChannels; o++)
        {
            channelScale[o] = scale.Values[o * fanIn];
            if (Enumerable.Range(0, fanIn).Any(i => scale.Values[o * fanIn + i] != channelScale[o]))
            {
                throw OnnxImportException.AtNode(node, "the weight scale varies within an output channel; only one scale per output channel can be folded.");
            }
        }

        return Encode(node, integers.Values.Select(v => (int)v).ToArray(), outChannels, channelScale, origin);
    }

    private static IntegerWeights Encode(SourceNode node, int[] values, int outChannels, double[] scale, string origin)
    {
        if (scale.Any(s => !(s > 0)))
        {
            throw OnnxImportException.AtNode(node, "a weight scale is zero, negative or NaN; expected positive scales.");
        }

        var (encoding, bits) = IntegerWeights.NarrowestEncoding(values)
            ?? throw OnnxImportException.AtNode(node, $"weights range {values.Min()} … {values.Max()} do not fit 8-bit signed integers.");
        return new IntegerWeights(values, outChannels, scale, encoding, bits, origin);
    }
}
