using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Evaluation;

/// <summary>Operators that move or describe data without computing on it: Shape, Gather, Reshape, Transpose, …</summary>
internal static class ShapeOps
{
    public static OnnxTensor Shape(NodeInputs inputs) =>
        OnnxTensor.Vector(TensorElement.Int64, inputs[0].Shape.Select(d => (double)d).ToArray());

    public static OnnxTensor Gather(SourceNode node, NodeInputs inputs)
    {
        var data = inputs[0];
        var indices = inputs[1];
        int axis = NormalizeAxis(node, node.Attributes.Int("axis", 0), data.Rank);
        int outer = Product(data.Shape, 0, axis);
        int inner = Product(data.Shape, axis + 1, data.Rank);
        int extent = data.Shape[axis];
        var shape = data.Shape.Take(axis).Concat(indices.Shape).Concat(data.Shape.Skip(axis + 1)).ToArray();
        var values = new List<double>();
        for (int o = 0; o < outer; o++)
        {
            foreach (double raw in indices.Values)
            {
                int index = (int)raw < 0 ? (int)raw + extent : (int)raw;
                for (int i = 0; i < inner; i++)
                {
                    values.Add(data.Values[(o * extent + index) * inner + i]);
                }
            }
        }

        return new OnnxTensor(shape, values.ToArray(), data.Element);
    }

    /// <summary>Unsqueeze: axes from the attribute (opset &lt; 13) or input 1.</summary>
    public static OnnxTensor Unsqueeze(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var axes = node.Attributes.Ints("axes") ?? inputs.Longs(1);
        int rank = x.Rank + axes.Length;
        var inserted = axes.Select(a => NormalizeAxis(node, a, rank)).ToHashSet();
        var shape = new int[rank];
        int source = 0;
        for (int axis = 0; axis < rank; axis++)
        {
            shape[axis] = inserted.Contains(axis) ? 1 : x.Shape[source++];
        }

        return x.Reshaped(shape);
    }

    public static OnnxTensor Squeeze(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var axes = node.Attributes.Ints("axes") ?? (inputs.Optional(1) is null ? null : inputs.Longs(1));
        var removed = axes is null
            ? Enumerable.Range(0, x.Rank).Where(a => x.Shape[a] == 1).ToHashSet()
            : axes.Select(a => NormalizeAxis(node, a, x.Rank)).ToHashSet();
        return x.Reshaped(x.Shape.Where((_, axis) => !removed.Contains(axis)).ToArray());
    }

    public static OnnxTensor Concat(SourceNode node, NodeInputs inputs)
    {
        var parts = inputs.All.Select((_, i) => inputs[i]).ToArray();
        int axis = NormalizeAxis(node, node.Attributes.Int("axis", 0), parts[0].Rank);
        int outer = Product(parts[0].Shape, 0, axis);
        var shape = (int[])parts[0].Shape.Clone();
        shape[axis] = parts.Sum(p => p.Shape[axis]);
        var values = new List<double>();
        for (int o = 0; o < outer; o++)
        {
            foreach (var part in parts)
            {
                int block = Product(part.Shape, axis, part.Rank);
                values.AddRange(part.Values.Skip(o * block).Take(block));
            }
        }

        return new OnnxTensor(shape, values.ToArray(), parts[0].Element);
    }

    /// <summary>Reshape: 0 copies the input's dimension, −1 takes what is left.</summary>
    public static OnnxTensor Reshape(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var target = inputs.Longs(1);
        var shape = target.Select((d, i) => d == 0 ? x.Shape[i] : (int)d).ToArray();
        int unknown = Array.IndexOf(shape, -1);
        if (unknown >= 0)
        {
            int known = shape.Where(d => d != -1).Aggregate(1, (p, d) => p * d);
            shape[unknown] = x.Length / known;
        }

        if (OnnxTensor.ElementCount(shape) != x.Length)
        {
            throw OnnxImportException.AtNode(node, $"cannot reshape [{string.Join(", ", x.Shape)}] to [{string.Join(", ", target)}].");
        }

        return x.Reshaped(shape);
    }

    public static OnnxTensor Flatten(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        int axis = NormalizeAxis(node, node.Attributes.Int("axis", 1), x.Rank + 1);
        return x.Reshaped(new[] { Product(x.Shape, 0, axis), Product(x.Shape, axis, x.Rank) });
    }

    public static OnnxTensor Transpose(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        var perm = node.Attributes.Ints("perm")?.Select(p => (int)p).ToArray() ?? Enumerable.Range(0, x.Rank).Reverse().ToArray();
        return Permute(x, perm);
    }

    /// <summary>Axis <c>i</c> of the result is axis <c>perm[i]</c> of <paramref name="x"/>.</summary>
    public static OnnxTensor Permute(OnnxTensor x, int[] perm)
    {
        var shape = perm.Select(p => x.Shape[p]).ToArray();
        var sourceStrides = Strides(x.Shape);
        var values = new double[x.Length];
        var position = new int[shape.Length];
        for (int i = 0; i < values.Length; i++)
        {
            int source = 0;
            for (int axis = 0; axis < shape.Length; axis++)
            {
                source += position[axis] * sourceStrides[perm[axis]];
            }

            values[i] = x.Values[source];
            for (int axis = shape.Length - 1; axis >= 0 && ++position[axis] == shape[axis]; axis--)
            {
                position[axis] = 0;
            }
        }

        return new OnnxTensor(shape, values, x.Element);
    }

    public static int[] Strides(int[] shape)
    {
        var strides = new int[shape.Length];
        int stride = 1;
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            strides[axis] = stride;
            stride *= shape[axis];
        }

        return strides;
    }

    public static int Product(int[] shape, int from, int to)
    {
        int product = 1;
        for (int axis = from; axis < to; axis++)
        {
            product *= shape[axis];
        }

        return product;
    }

    public static int NormalizeAxis(SourceNode node, long axis, int rank) =>
        axis >= -rank && axis < rank
            ? (int)(axis < 0 ? axis + rank : axis)
            : throw OnnxImportException.AtNode(node, $"axis {axis} is out of range for rank {rank}.");
}
