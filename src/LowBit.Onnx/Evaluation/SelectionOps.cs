using System.Linq;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Evaluation;

/// <summary>TopK and ArgMax over the last axis of a [N, C] tensor: the classifier heads exporters append.</summary>
internal static class SelectionOps
{
    /// <summary>TopK (largest, sorted; ties keep the lower index, as ONNX Runtime does): values and indices.</summary>
    public static OnnxTensor[] TopK(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        int k = (int)(inputs.Optional(1) is { } kTensor ? kTensor.Values[0] : node.Attributes.Int("k", 1));
        if (node.Attributes.Int("largest", 1) == 0 || x.Rank != 2 || ShapeOps.NormalizeAxis(node, node.Attributes.Int("axis", -1), x.Rank) != 1)
        {
            throw OnnxImportException.AtNode(node, "only TopK of the largest values over the last axis of [N, C] is supported.");
        }

        int rows = x.Shape[0], columns = x.Shape[1];
        var values = new double[rows * k];
        var indices = new double[rows * k];
        for (int r = 0; r < rows; r++)
        {
            var order = Enumerable.Range(0, columns).OrderByDescending(c => (float)x.Values[r * columns + c]).ThenBy(c => c).Take(k).ToArray();
            for (int j = 0; j < k; j++)
            {
                values[r * k + j] = x.Values[r * columns + order[j]];
                indices[r * k + j] = order[j];
            }
        }

        return new[] { new OnnxTensor(new[] { rows, k }, values), new OnnxTensor(new[] { rows, k }, indices, TensorElement.Int64) };
    }

    public static OnnxTensor ArgMax(SourceNode node, NodeInputs inputs)
    {
        var x = inputs[0];
        if (x.Rank != 2 || ShapeOps.NormalizeAxis(node, node.Attributes.Int("axis", 0), x.Rank) != 1 || node.Attributes.Int("select_last_index", 0) != 0)
        {
            throw OnnxImportException.AtNode(node, "only ArgMax over axis 1 of [N, C] (first index on ties) is supported.");
        }

        bool keep = node.Attributes.Int("keepdims", 1) != 0;
        int rows = x.Shape[0], columns = x.Shape[1];
        var result = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            int best = 0;
            for (int c = 1; c < columns; c++)
            {
                if ((float)x.Values[r * columns + c] > (float)x.Values[r * columns + best])
                {
                    best = c;
                }
            }

            result[r] = best;
        }

        return new OnnxTensor(keep ? new[] { rows, 1 } : new[] { rows }, result, TensorElement.Int64);
    }
}
