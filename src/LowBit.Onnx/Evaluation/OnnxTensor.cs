using System;
using System.Linq;

namespace LowBit.Onnx.Evaluation;

/// <summary>
/// A dense tensor of an ONNX graph, row-major. Values are held as doubles so that float32, every int32
/// and the int64 shape values exporters write are all represented exactly; float ops round each
/// result to float32 (see <see cref="FloatMath"/>), so the evaluator computes what a float32 runtime does.
/// </summary>
public sealed class OnnxTensor
{
    public OnnxTensor(int[] shape, double[] values, TensorElement element = TensorElement.Float)
    {
        Shape = shape ?? throw new ArgumentNullException(nameof(shape));
        Values = values ?? throw new ArgumentNullException(nameof(values));
        Element = element;
        long expected = ElementCount(shape);
        if (expected != values.Length)
        {
            throw new ArgumentException($"A tensor of shape [{string.Join(", ", shape)}] holds {expected} values, found {values.Length}.", nameof(values));
        }
    }

    public int[] Shape { get; }

    public double[] Values { get; }

    public TensorElement Element { get; }

    public int Rank => Shape.Length;

    public int Length => Values.Length;

    public static long ElementCount(int[] shape) => shape.Aggregate(1L, (product, d) => product * d);

    public static OnnxTensor Scalar(double value, TensorElement element = TensorElement.Float) => new(Array.Empty<int>(), new[] { value }, element);

    public static OnnxTensor Vector(TensorElement element, params double[] values) => new(new[] { values.Length }, values, element);

    public OnnxTensor Reshaped(int[] shape) => new(shape, Values, Element);

    public override string ToString() => $"{Element} [{string.Join(", ", Shape)}]";
}
