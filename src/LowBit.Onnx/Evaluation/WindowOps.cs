using System;
using System.Linq;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Evaluation;

/// <summary>Conv, MaxPool, AveragePool and GlobalAveragePool on NCHW tensors (2-D windows, dilation 1).</summary>
internal static class WindowOps
{
    public static OnnxTensor Conv(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var w = inputs[1];
        var bias = inputs.Optional(2);
        var window = ConvWindow(node, x.Shape, w.Shape);
        int groups = ConvGroups(node, x.Shape, w.Shape);
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int outC = w.Shape[0], inPerGroup = c / groups, outPerGroup = outC / groups;
        int oh = window.OutputHeight(h), ow = window.OutputWidth(wd);
        var values = new double[n * outC * oh * ow];
        for (int b = 0; b < n; b++)
        {
            for (int o = 0; o < outC; o++)
            {
                int g = o / outPerGroup;
                for (int y = 0; y < oh; y++)
                {
                    for (int xo = 0; xo < ow; xo++)
                    {
                        float sum = 0;
                        for (int i = 0; i < inPerGroup; i++)
                        {
                            for (int ky = 0; ky < window.KernelHeight; ky++)
                            {
                                int iy = y * window.StrideHeight - window.PadTop + ky;
                                for (int kx = 0; kx < window.KernelWidth; kx++)
                                {
                                    int ix = xo * window.StrideWidth - window.PadLeft + kx;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd)
                                    {
                                        continue;
                                    }

                                    float a = (float)x.Values[((b * c + g * inPerGroup + i) * h + iy) * wd + ix];
                                    float k = (float)w.Values[((o * inPerGroup + i) * window.KernelHeight + ky) * window.KernelWidth + kx];
                                    sum += a * k;
                                }
                            }
                        }

                        if (bias is not null)
                        {
                            sum += (float)bias.Values[o];
                        }

                        values[((b * outC + o) * oh + y) * ow + xo] = sum;
                    }
                }
            }
        }

        return new OnnxTensor(new[] { n, outC, oh, ow }, values);
    }

    public static OnnxTensor Pool(SourceNode node, NodeInputs inputs, bool max)
    {
        var x = inputs[0];
        var window = PoolWindow(node, x.Shape);
        bool countPadding = node.Attributes.Int("count_include_pad", 0) != 0;
        int n = x.Shape[0], c = x.Shape[1], h = x.Shape[2], wd = x.Shape[3];
        int oh = window.OutputHeight(h), ow = window.OutputWidth(wd);
        var values = new double[n * c * oh * ow];
        for (int plane = 0; plane < n * c; plane++)
        {
            for (int y = 0; y < oh; y++)
            {
                for (int xo = 0; xo < ow; xo++)
                {
                    float best = float.NegativeInfinity;
                    float sum = 0;
                    int count = 0;
                    for (int ky = 0; ky < window.KernelHeight; ky++)
                    {
                        for (int kx = 0; kx < window.KernelWidth; kx++)
                        {
                            int iy = y * window.StrideHeight - window.PadTop + ky;
                            int ix = xo * window.StrideWidth - window.PadLeft + kx;
                            if (iy < 0 || iy >= h || ix < 0 || ix >= wd)
                            {
                                count += countPadding ? 1 : 0;
                                continue;
                            }

                            float v = (float)x.Values[(plane * h + iy) * wd + ix];
                            best = Math.Max(best, v);
                            sum += v;
                            count++;
                        }
                    }

                    values[(plane * oh + y) * ow + xo] = max ? best : sum / count;
                }
            }
        }

        return new OnnxTensor(new[] { n, c, oh, ow }, values);
    }

    public static OnnxTensor GlobalAveragePool(NodeInputs inputs)
    {
        var x = inputs[0];
        int planes = x.Shape[0] * x.Shape[1];
        int area = x.Length / planes;
        var values = new double[planes];
        for (int p = 0; p < planes; p++)
        {
            float sum = 0;
            for (int i = 0; i < area; i++)
            {
                sum += (float)x.Values[p * area + i];
            }

            values[p] = sum / area;
        }

        return new OnnxTensor(new[] { x.Shape[0], x.Shape[1], 1, 1 }, values);
    }

    /// <summary>ONNX's SAME padding: output ⌈in / stride⌉, the odd padding unit at the end (UPPER) or the start (LOWER).</summary>
    private static long[] SamePads(int[] inputShape, int kernelHeight, int kernelWidth, long[] strides, bool upper)
    {
        long Total(int axis, int kernel) => Math.Max(0, ((((inputShape[axis] + strides[axis - 2] - 1) / strides[axis - 2]) - 1) * strides[axis - 2]) + kernel - inputShape[axis]);
        long height = Total(2, kernelHeight), width = Total(3, kernelWidth);
        long top = upper ? height / 2 : height - (height / 2), left = upper ? width / 2 : width - (width / 2);
        return new[] { top, left, height - top, width - left };
    }

    /// <summary>The window of a pooling node, whose kernel_shape attribute gives the kernel.</summary>
    public static Manifest.Window2d PoolWindow(SourceNode node, int[] inputShape)
    {
        var kernel = node.Attributes.Ints("kernel_shape") ?? throw OnnxImportException.AtNode(node, "kernel_shape is required.");
        return kernel.Length == 2 && kernel.All(k => k is >= 1 and <= int.MaxValue)
            ? Window(node, inputShape, (int)kernel[0], (int)kernel[1])
            : throw OnnxImportException.AtNode(node, $"kernel_shape [{string.Join(", ", kernel)}]; expected two sizes of at least 1.");
    }

    /// <summary>The window of a convolution node, whose [out, in/groups, kH, kW] weights give the kernel.</summary>
    public static Manifest.Window2d ConvWindow(SourceNode node, int[] inputShape, int[] weightShape) =>
        weightShape.Length == 4
            ? Window(node, inputShape, weightShape[2], weightShape[3])
            : throw OnnxImportException.AtNode(node, $"weights of shape [{string.Join(", ", weightShape)}]; expected 4-D [out, in/groups, kH, kW].");

    /// <summary>The group attribute of a convolution, checked against the channels of its input and weights.</summary>
    public static int ConvGroups(SourceNode node, int[] inputShape, int[] weightShape)
    {
        long groups = node.Attributes.Int("group", 1);
        int channels = inputShape[1], outChannels = weightShape[0];
        return groups >= 1 && channels % groups == 0 && outChannels % groups == 0 && weightShape[1] == channels / groups
            ? (int)groups
            : throw OnnxImportException.AtNode(node, $"group {groups} with {channels} input channels and weights [{string.Join(", ", weightShape)}]; expected groups dividing both channel counts and weights of [out, in/groups, kH, kW].");
    }

    /// <summary>Kernel, strides and pads of a 2-D window node; refuses dilation and auto_pad other than NOTSET/VALID.</summary>
    public static Manifest.Window2d Window(SourceNode node, int[] inputShape, int kernelHeight, int kernelWidth)
    {
        if (inputShape.Length != 4)
        {
            throw OnnxImportException.AtNode(node, $"expected a 4-D NCHW input, found [{string.Join(", ", inputShape)}].");
        }

        var dilations = node.Attributes.Ints("dilations");
        if (dilations is not null && dilations.Any(d => d != 1))
        {
            throw OnnxImportException.AtNode(node, $"dilations [{string.Join(", ", dilations)}] are not supported; expected 1.");
        }

        string autoPad = node.Attributes.String("auto_pad", "NOTSET");
        if (autoPad is not ("NOTSET" or "VALID" or "SAME_UPPER" or "SAME_LOWER"))
        {
            throw OnnxImportException.AtNode(node, $"auto_pad '{autoPad}' is not NOTSET, VALID, SAME_UPPER or SAME_LOWER.");
        }

        if (node.Attributes.Int("ceil_mode", 0) != 0)
        {
            throw OnnxImportException.AtNode(node, "ceil_mode 1 is not supported; expected floor output sizes.");
        }

        if (kernelHeight < 1 || kernelWidth < 1)
        {
            throw OnnxImportException.AtNode(node, $"kernel {kernelHeight}×{kernelWidth}; expected at least 1×1.");
        }

        var strides = node.Attributes.Ints("strides") ?? new long[] { 1, 1 };
        if (strides.Length != 2 || strides.Any(s => s < 1 || s > int.MaxValue))
        {
            throw OnnxImportException.AtNode(node, $"strides [{string.Join(", ", strides)}]; expected two strides of at least 1.");
        }

        var pads = autoPad.StartsWith("SAME", StringComparison.Ordinal)
            ? SamePads(inputShape, kernelHeight, kernelWidth, strides, upper: autoPad == "SAME_UPPER")
            : node.Attributes.Ints("pads") ?? new long[] { 0, 0, 0, 0 };
        if (pads.Length != 4 || pads.Any(p => p < 0 || p > int.MaxValue / 4))
        {
            throw OnnxImportException.AtNode(node, $"pads [{string.Join(", ", pads)}]; expected four non-negative pads (top, left, bottom, right).");
        }

        var window = new Manifest.Window2d(kernelHeight, kernelWidth, (int)strides[0], (int)strides[1], (int)pads[0], (int)pads[1], (int)pads[2], (int)pads[3]);
        if (window.OutputHeight(inputShape[2]) < 1 || window.OutputWidth(inputShape[3]) < 1)
        {
            throw OnnxImportException.AtNode(node, $"the window {kernelHeight}×{kernelWidth} does not fit the padded {inputShape[2]}×{inputShape[3]} input.");
        }

        return window;
    }
}
