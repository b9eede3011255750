using System.Linq;
using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>Reads a constant operand of an element-wise op as one value per channel (axis 1), refusing anything that varies elsewhere.</summary>
internal static class ChannelConstants
{
    /// <summary>One value per channel of an activation of shape <paramref name="activation"/> (with batch), or a single value.</summary>
    public static double[] PerChannel(SourceNode node, OnnxTensor constant, int[] activation)
    {
        var shape = Broadcasting.Shape(activation, constant.Shape, $"node {node}");
        if (!shape.SequenceEqual(activation))
        {
            throw OnnxImportException.AtNode(node, $"the constant of shape [{string.Join(", ", constant.Shape)}] would broadcast the activation [{string.Join(", ", activation)}] to a larger shape.");
        }

        var source = Broadcasting.SourceIndices(constant.Shape, shape);
        int channels = activation.Length > 1 ? activation[1] : 1;
        int inner = activation.Length > 2 ? ShapeOps.Product(activation, 2, activation.Length) : 1;
        var values = new double[channels];
        for (int i = 0; i < source.Length; i++)
        {
            int c = i / inner % channels;
            double v = constant.Values[source[i]];
            if (i % inner == 0 && i / inner < channels)
            {
                values[c] = v;
            }
            else if (values[c] != v)
            {
                throw OnnxImportException.AtNode(node, "the constant varies within a channel; only per-channel (axis 1) or scalar constants fold into thresholds.");
            }
        }

        return values;
    }

    /// <summary>The single value of a constant that is the same for every element.</summary>
    public static double Single(SourceNode node, OnnxTensor constant) =>
        constant.Values.Distinct().Count() == 1
            ? constant.Values[0]
            : throw OnnxImportException.AtNode(node, $"the constant of shape [{string.Join(", ", constant.Shape)}] varies between elements; only scalars fold into the input quantizer.");
}
