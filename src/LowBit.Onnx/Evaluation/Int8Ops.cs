using System;
using System.Linq;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Evaluation;

/// <summary>
/// ONNX's integer quantization operators with ONNX Runtime's CPU arithmetic: scales multiplied and
/// divided in float32 (M = x_scale·w_scale / y_scale), the int32 accumulator converted to float32 and
/// multiplied by M, clamped to [q_min − zp, q_max − zp], rounded half to even, plus the zero point
/// (MlasRequantizeOutput). QuantizeLinear divides in float32 and rounds half to even.
/// </summary>
internal static class Int8Ops
{
    public static OnnxTensor QuantizeLinear(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var zeroPoint = inputs.Optional(2);
        var element = zeroPoint?.Element ?? TensorElement.UInt8;
        var (scale, zero) = PerAxis(node, x.Shape, inputs[1], zeroPoint);
        var (min, max) = Range(node, element);
        var values = new double[x.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float v = (float)x.Values[i] / (float)scale[i];
            values[i] = Math.Clamp(MathF.Round(v, MidpointRounding.ToEven) + zero[i], min, max);
        }

        return new OnnxTensor(x.Shape, values, element);
    }

    public static OnnxTensor DequantizeLinear(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var (scale, zero) = PerAxis(node, x.Shape, inputs[1], inputs.Optional(2));
        var values = new double[x.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(x.Values[i] - zero[i]) * (float)scale[i];
        }

        return new OnnxTensor(x.Shape, values);
    }

    /// <summary>MatMulInteger: (A − a_zp)·(B − b_zp) in int32.</summary>
    public static OnnxTensor MatMulInteger(NodeInputs inputs)
    {
        var (shape, accumulators) = IntegerMatMul(inputs[0], inputs.Optional(2), inputs[1], inputs.Optional(3));
        return new OnnxTensor(shape, accumulators.Select(a => (double)a).ToArray(), TensorElement.Int32);
    }

    public static OnnxTensor QLinearMatMul(SourceNode node, NodeInputs inputs)
    {
        var (shape, accumulators) = IntegerMatMul(inputs[0], inputs[2], inputs[3], inputs[5]);
        int columns = shape[^1];
        var multipliers = Multipliers(inputs[1], inputs[4], inputs[6], columns);
        return Requantize(node, shape, accumulators, i => multipliers[i % columns], inputs[7]);
    }

    /// <summary>ConvInteger: Σ (x − x_zp)(w − w_zp) over the window, padding reading x_zp (so contributing 0).</summary>
    public static OnnxTensor ConvInteger(SourceNode node, NodeInputs inputs)
    {
        var (shape, accumulators) = IntegerConv(node, inputs[0], inputs.Optional(2), inputs[1], inputs.Optional(3), null);
        return new OnnxTensor(shape, accumulators.Select(a => (double)a).ToArray(), TensorElement.Int32);
    }

    public static OnnxTensor QLinearConv(SourceNode node, NodeInputs inputs)
    {
        var (shape, accumulators) = IntegerConv(node, inputs[0], inputs[2], inputs[3], inputs[5], inputs.Optional(8));
        int channels = shape[1];
        int plane = shape[2] * shape[3];
        var multipliers = Multipliers(inputs[1], inputs[4], inputs[6], channels);
        return Requantize(node, shape, accumulators, i => multipliers[i / plane % channels], inputs[7]);
    }

    /// <summary>M_c = float32(float32(a_scale · b_scale[c]) / y_scale), as ONNX Runtime computes it.</summary>
    private static float[] Multipliers(OnnxTensor inputScale, OnnxTensor weightScale, OnnxTensor outputScale, int channels) =>
        Enumerable.Range(0, channels)
            .Select(c => ((float)inputScale.Values[0] * (float)weightScale.Values[weightScale.Length == 1 ? 0 : c]) / (float)outputScale.Values[0])
            .ToArray();

    private static OnnxTensor Requantize(SourceNode node, int[] shape, long[] accumulators, Func<int, float> multiplier, OnnxTensor outputZero)
    {
        var (min, max) = Range(node, outputZero.Element);
        int zero = (int)outputZero.Values[0];
        var values = new double[accumulators.Length];
        for (int i = 0; i < values.Length; i++)
        {
            float scaled = (float)accumulators[i] * multiplier(i);
            scaled = Math.Clamp(scaled, (float)(min - zero), (float)(max - zero));
            values[i] = MathF.Round(scaled, MidpointRounding.ToEven) + zero;
        }

        return new OnnxTensor(shape, values, outputZero.Element);
    }

    private static (int[] Shape, long[] Accumulators) IntegerMatMul(OnnxTensor a, OnnxTensor? aZero, OnnxTensor b, OnnxTensor? bZero)
    {
        int m = a.Shape[^2], k = a.Shape[^1], n = b.Shape[^1];
        int batches = a.Length / (m * k);
        bool sharedB = b.Rank == 2;
        var result = new long[batches * m * n];
        for (int batch = 0; batch < batches; batch++)
        {
            for (int row = 0; row < m; row++)
            {
                for (int column = 0; column < n; column++)
                {
                    long sum = 0;
                    for (int i = 0; i < k; i++)
                    {
                        long av = (long)a.Values[((batch * m) + row) * k + i] - (long)ZeroAt(aZero, row);
                        int bIndex = ((sharedB ? 0 : batch * k) + i) * n + column;
                        long bv = (long)b.Values[bIndex] - (long)ZeroAt(bZero, column);
                        sum += av * bv;
                    }

                    result[((batch * m) + row) * n + column] = sum;
                }
            }
        }

        return (a.Shape.Take(a.Rank - 1).Append(n).ToArray(), result);
    }

    private static (int[] Shape, long[] Accumulators) IntegerConv(SourceNode node, OnnxTensor x, OnnxTensor? xZero, OnnxTensor w, OnnxTensor? wZero, OnnxTensor? bias)
    {
        var window = WindowOps.ConvWindow(node, x.Shape, w.Shape);
        int groups = WindowOps.ConvGroups(node, x.Shape, w.Shape);
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int outC = w.Shape[0], inPerGroup = c / groups, outPerGroup = outC / groups;
        int oh = window.OutputHeight(h), ow = window.OutputWidth(wd);
        double xz = xZero?.Values[0] ?? 0;
        var result = new long[n * outC * oh * ow];
        for (int b = 0; b < n; b++)
        {
            for (int o = 0; o < outC; o++)
            {
                double wz = ZeroAt(wZero, o);
                for (int y = 0; y < oh; y++)
                {
                    for (int xo = 0; xo < ow; xo++)
                    {
                        long sum = bias is null ? 0 : (long)bias.Values[o];
                        for (int i = 0; i < inPerGroup; i++)
                        {
                            for (int ky = 0; ky < window.KernelHeight; ky++)
                            {
                                for (int kx = 0; kx < window.KernelWidth; kx++)
                                {
                                    int iy = y * window.StrideHeight - window.PadTop + ky, ix = xo * window.StrideWidth - window.PadLeft + kx;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd)
                                    {
                                        continue;
                                    }

                                    long xv = (long)(x.Values[((b * c + (o / outPerGroup * inPerGroup) + i) * h + iy) * wd + ix] - xz);
                                    long wv = (long)(w.Values[((o * inPerGroup + i) * window.KernelHeight + ky) * window.KernelWidth + kx] - wz);
                                    sum += xv * wv;
                                }
                            }
                        }

                        result[((b * outC + o) * oh + y) * ow + xo] = sum;
                    }
                }
            }
        }

        return (new[] { n, outC, oh, ow }, result);
    }

    private static double ZeroAt(OnnxTensor? zero, int index) => zero is null ? 0 : zero.Values[zero.Length == 1 ? 0 : index];

    /// <summary>Scale and zero point for every element: per tensor, or per slice along <c>axis</c> (default 1).</summary>
    private static (double[] Scale, double[] Zero) PerAxis(SourceNode node, int[] shape, OnnxTensor scale, OnnxTensor? zero)
    {
        int count = (int)OnnxTensor.ElementCount(shape);
        if (scale.Length == 1)
        {
            return (Enumerable.Repeat(scale.Values[0], count).ToArray(), Enumerable.Repeat(zero?.Values[0] ?? 0, count).ToArray());
        }

        if (node.Attributes.Int("block_size", 0) != 0)
        {
            throw OnnxImportException.AtNode(node, "blocked quantization (block_size) is not supported.");
        }

        int axis = ShapeOps.NormalizeAxis(node, node.Attributes.Int("axis", 1), shape.Length);
        int inner = ShapeOps.Product(shape, axis + 1, shape.Length);
        var scales = new double[count];
        var zeros = new double[count];
        for (int i = 0; i < count; i++)
        {
            int slice = i / inner % shape[axis];
            scales[i] = scale.Values[slice];
            zeros[i] = zero?.Values[slice] ?? 0;
        }

        return (scales, zeros);
    }

    private static (double Min, double Max) Range(SourceNode node, TensorElement element) => element switch
    {
        TensorElement.UInt8 => (0, 255),
        TensorElement.Int8 => (-128, 127),
        TensorElement.UInt16 => (0, 65535),
        TensorElement.Int16 => (-32768, 32767),
        TensorElement.Int32 => (int.MinValue, int.MaxValue),
        _ => throw OnnxImportException.AtNode(node, $"output element type {element} is not an integer type this evaluator quantizes to."),
    };
}
