using System.Linq;
using LowBit.Onnx.Evaluation;
using LowBit.Onnx.Import;
using LowBit.Onnx.Numpy;

namespace LowBit.Onnx.Tests.Import;

public sealed class FloatEvaluatorTests
{
    [Fact]
    public void FinnModelClassifiesItsOwnInputAsExpected()
    {
        var graph = SourceGraph.Read(ThirdPartyModels.FinnTfc);
        var input = NpyFile.Read(ThirdPartyModels.Qonnx("finn_build_dataflow_input.npy"));
        var expected = NpyFile.Read(ThirdPartyModels.Qonnx("finn_build_dataflow_expected_output.npy"));

        // The graph reshapes to a fixed [1, 784]: it takes one digit at a time.
        var evaluator = new FloatEvaluator(graph);
        var classes = Enumerable.Range(0, input.Shape[0])
            .Select(i => evaluator.Evaluate(new OnnxTensor(new[] { 1, 1, 28, 28 }, input.Values.Skip(i * 784).Take(784).ToArray())).Values.Single())
            .ToArray();

        Assert.Equal(new[] { 7.0, 2, 1, 0 }, expected.Values);
        Assert.Equal(expected.Values, classes);
    }

    internal static int ArgMax(double[] values, int offset, int count)
    {
        int best = 0;
        for (int i = 1; i < count; i++)
        {
            if ((float)values[offset + i] > (float)values[offset + best])
            {
                best = i;
            }
        }

        return best;
    }
}
