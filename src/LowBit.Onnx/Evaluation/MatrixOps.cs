using System;
using System.Linq;
using System.Numerics;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Evaluation;

/// <summary>MatMul and Gemm with float32 accumulation in index order.</summary>
internal static class MatrixOps
{
    /// <summary>A [..., K] × B [K, M] → [..., M].</summary>
    public static OnnxTensor MatMul(SourceNode node, NodeInputs inputs)
    {
        var a = inputs[0];
        var b = inputs[1];
        if (b.Rank != 2 || a.Rank < 1 || a.Shape[^1] != b.Shape[0])
        {
            throw OnnxImportException.AtNode(node, $"the evaluator multiplies [..., K] by a [K, M] matrix; found [{string.Join(", ", a.Shape)}] × [{string.Join(", ", b.Shape)}].");
        }

        int k = b.Shape[0];
        int m = b.Shape[1];
        int rows = a.Length / k;
        return new OnnxTensor(a.Shape.Take(a.Rank - 1).Append(m).ToArray(), Multiply(a.Values, b.Values, rows, k, m));
    }

    /// <summary>Gemm: α·op(A)·op(B) + β·C, with op a transpose when transA / transB is set.</summary>
    public static OnnxTensor Gemm(SourceNode node, NodeInputs inputs)
    {
        var a = inputs[0];
        var b = inputs[1];
        if (node.Attributes.Int("transA", 0) != 0)
        {
            a = Transposed(a);
        }

        if (node.Attributes.Int("transB", 0) != 0)
        {
            b = Transposed(b);
        }

        float alpha = node.Attributes.Float("alpha", 1f);
        float beta = node.Attributes.Float("beta", 1f);
        int rows = a.Shape[0];
        int k = a.Shape[1];
        int m = b.Shape[1];
        if (b.Shape[0] != k)
        {
            throw OnnxImportException.AtNode(node, $"inner dimensions differ: {k} and {b.Shape[0]}.");
        }

        var values = Multiply(a.Values, b.Values, rows, k, m);
        var product = new OnnxTensor(new[] { rows, m }, alpha == 1f ? values : values.Select(v => FloatMath.Mul(v, alpha)).ToArray());
        if (inputs.Optional(2) is not { } c)
        {
            return product;
        }

        var scaledC = beta == 1f ? c : new OnnxTensor(c.Shape, c.Values.Select(v => FloatMath.Mul(v, beta)).ToArray());
        return Broadcasting.Apply(product, scaledC, FloatMath.Add, TensorElement.Float, $"node {node}");
    }

    public static OnnxTensor Transposed(OnnxTensor matrix)
    {
        int rows = matrix.Shape[0];
        int columns = matrix.Shape[1];
        var values = new double[matrix.Length];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                values[c * rows + r] = matrix.Values[r * columns + c];
            }
        }

        return new OnnxTensor(new[] { columns, rows }, values, matrix.Element);
    }

    private static double[] Multiply(double[] a, double[] b, int rows, int k, int m)
    {
        var bf = b.Select(v => (float)v).ToArray();
        var result = new double[rows * m];
        var row = new float[m];
        for (int r = 0; r < rows; r++)
        {
            Array.Clear(row);
            for (int i = 0; i < k; i++)
            {
                float av = (float)a[r * k + i];
                var weights = bf.AsSpan(i * m, m);
                int j = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    // Lanes are independent columns: each keeps its own index-order float32 sum.
                    var broadcast = new Vector<float>(av);
                    for (; j <= m - Vector<float>.Count; j += Vector<float>.Count)
                    {
                        var sum = new Vector<float>(row.AsSpan(j)) + (broadcast * new Vector<float>(weights.Slice(j)));
                        sum.CopyTo(row.AsSpan(j));
                    }
                }

                for (; j < m; j++)
                {
                    row[j] += av * weights[j];
                }
            }

            for (int j = 0; j < m; j++)
            {
                result[r * m + j] = row[j];
            }
        }

        return result;
    }
}
