using System;
using System.Linq;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Evaluation;

/// <summary>Element-wise operators: arithmetic with broadcasting, activations, Clip.</summary>
internal static class ElementwiseOps
{
    public static OnnxTensor Binary(SourceNode node, NodeInputs inputs)
    {
        var a = inputs[0];
        var b = inputs[1];
        bool integral = IsInteger(a.Element) && IsInteger(b.Element);
        Func<double, double, double> op = (node.OpType, integral) switch
        {
            ("Add", false) => FloatMath.Add,
            ("Sub", false) => FloatMath.Sub,
            ("Mul", false) => FloatMath.Mul,
            ("Div", false) => FloatMath.Div,
            ("Pow", _) => FloatMath.Pow,
            ("Add", true) => (x, y) => x + y,
            ("Sub", true) => (x, y) => x - y,
            ("Mul", true) => (x, y) => x * y,
            ("Div", true) => (x, y) => Math.Truncate(x / y),
            _ => throw OnnxImportException.AtNode(node, "not an element-wise binary operator."),
        };
        return Broadcasting.Apply(a, b, op, a.Element, $"node {node}");
    }

    /// <summary>Cast to float32 (an int32 accumulator rounds to the nearest float32, ties to even), or to an integer type (truncated toward zero).</summary>
    public static OnnxTensor Cast(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var to = (TensorElement)node.Attributes.Int("to", 0);
        Func<double, double> convert = to switch
        {
            TensorElement.Float => v => (float)v,
            TensorElement.Double => v => v,
            _ when IsInteger(to) => Math.Truncate,
            _ => throw OnnxImportException.AtNode(node, $"Cast to element type {(int)to} is not supported."),
        };
        return new OnnxTensor(x.Shape, x.Values.Select(convert).ToArray(), to);
    }

    public static OnnxTensor Unary(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        Func<double, double> op = node.OpType switch
        {
            "Relu" => v => v > 0 ? v : 0,
            "Sign" => v => Math.Sign(v),
            "Neg" => v => -v,
            "Abs" => Math.Abs,
            "Sqrt" => FloatMath.Sqrt,
            "Floor" => Math.Floor,
            "Ceil" => Math.Ceiling,
            "Identity" => v => v,
            _ => throw OnnxImportException.AtNode(node, "not an element-wise unary operator."),
        };
        return new OnnxTensor(x.Shape, x.Values.Select(op).ToArray(), x.Element);
    }

    /// <summary>Clip: bounds from inputs 1 and 2 (opset ≥ 11) or the min/max attributes (older opsets).</summary>
    public static OnnxTensor Clip(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        double min = inputs.Optional(1) is { } lo ? lo.Values[0] : node.Attributes.Float("min", float.MinValue);
        double max = inputs.Optional(2) is { } hi ? hi.Values[0] : node.Attributes.Float("max", float.MaxValue);
        return new OnnxTensor(x.Shape, x.Values.Select(v => Math.Min(Math.Max(v, min), max)).ToArray(), x.Element);
    }

    /// <summary>BatchNormalization in inference mode: (x − mean) / sqrt(var + ε) · γ + β, each step rounded to float32.</summary>
    public static OnnxTensor BatchNormalization(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        float epsilon = node.Attributes.Float("epsilon", 1e-5f);
        int channels = x.Shape[1];
        int inner = x.Length / (x.Shape[0] * channels);
        var values = new double[x.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int c = i / inner % channels;
            values[i] = BatchNormFormula(x.Values[i], inputs[1].Values[c], inputs[2].Values[c], inputs[3].Values[c], inputs[4].Values[c], epsilon);
        }

        return new OnnxTensor(x.Shape, values, x.Element);
    }

    public static float BatchNormFormula(double x, double gamma, double beta, double mean, double variance, float epsilon)
    {
        float deviation = MathF.Sqrt((float)variance + epsilon);
        return ((float)x - (float)mean) / deviation * (float)gamma + (float)beta;
    }

    public static bool IsInteger(TensorElement element) => element is not (TensorElement.Float or TensorElement.Double);
}
