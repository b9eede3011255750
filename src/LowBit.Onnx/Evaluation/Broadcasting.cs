using System;
using System.Linq;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Evaluation;

/// <summary>NumPy-style (multidirectional) broadcasting, as ONNX's element-wise operators define it.</summary>
internal static class Broadcasting
{
    public static int[] Shape(int[] a, int[] b, string what)
    {
        int rank = Math.Max(a.Length, b.Length);
        var shape = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = DimFromRight(a, rank - 1 - i);
            int db = DimFromRight(b, rank - 1 - i);
            shape[i] = da == db || db == 1 ? da : da == 1 ? db
                : throw new OnnxImportException($"{what}: shapes [{string.Join(", ", a)}] and [{string.Join(", ", b)}] do not broadcast.");
        }

        return shape;
    }

    /// <summary>For each element of <paramref name="target"/>, the index of the element of <paramref name="source"/> it reads.</summary>
    public static int[] SourceIndices(int[] source, int[] target)
    {
        int count = (int)OnnxTensor.ElementCount(target);
        var indices = new int[count];
        int offset = target.Length - source.Length;
        var strides = new int[target.Length];
        int stride = 1;
        for (int axis = target.Length - 1; axis >= 0; axis--)
        {
            int sourceAxis = axis - offset;
            bool broadcast = sourceAxis < 0 || source[sourceAxis] == 1;
            strides[axis] = broadcast ? 0 : stride;
            if (sourceAxis >= 0)
            {
                stride *= source[sourceAxis];
            }
        }

        var position = new int[target.Length];
        for (int i = 0; i < count; i++)
        {
            int index = 0;
            for (int axis = 0; axis < target.Length; axis++)
            {
                index += position[axis] * strides[axis];
            }

            indices[i] = index;
            for (int axis = target.Length - 1; axis >= 0; axis--)
            {
                if (++position[axis] < target[axis])
                {
                    break;
                }

                position[axis] = 0;
            }
        }

        return indices;
    }

    /// <summary>Applies <paramref name="op"/> element by element after broadcasting both operands.</summary>
    public static OnnxTensor Apply(OnnxTensor a, OnnxTensor b, Func<double, double, double> op, TensorElement element, string what)
    {
        var shape = Shape(a.Shape, b.Shape, what);
        int count = (int)OnnxTensor.ElementCount(shape);
        var values = new double[count];
        if (b.Length == 1 && a.Length == count)
        {
            double scalar = b.Values[0];
            for (int i = 0; i < count; i++)
            {
                values[i] = op(a.Values[i], scalar);
            }

            return new OnnxTensor(shape, values, element);
        }

        bool sameA = a.Shape.SequenceEqual(shape);
        bool sameB = b.Shape.SequenceEqual(shape);
        var ia = sameA ? null : SourceIndices(a.Shape, shape);
        var ib = sameB ? null : SourceIndices(b.Shape, shape);
        for (int i = 0; i < count; i++)
        {
            values[i] = op(a.Values[ia is null ? i : ia[i]], b.Values[ib is null ? i : ib[i]]);
        }

        return new OnnxTensor(shape, values, element);
    }

    private static int DimFromRight(int[] shape, int fromRight) => fromRight < shape.Length ? shape[shape.Length - 1 - fromRight] : 1;
}
