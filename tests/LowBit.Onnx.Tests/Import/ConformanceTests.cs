using System.Collections.Generic;
using System.IO;
using System.Linq;
using LowBit.Onnx.Evaluation;
using LowBit.Onnx.Import;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx.Tests.Import;

/// <summary>ONNX's own single-node conformance tests for the int8 operators, reproduced exactly by the evaluator.</summary>
public sealed class ConformanceTests
{
    [Theory]
    [InlineData("test_quantizelinear")]
    [InlineData("test_quantizelinear_axis")]
    [InlineData("test_dequantizelinear")]
    [InlineData("test_dequantizelinear_axis")]
    [InlineData("test_qlinearmatmul_2D_int8_float32")]
    [InlineData("test_qlinearmatmul_2D_uint8_float32")]
    [InlineData("test_qlinearmatmul_3D_int8_float32")]
    [InlineData("test_qlinearmatmul_3D_uint8_float32")]
    [InlineData("test_qlinearconv")]
    [InlineData("test_convinteger_with_padding")]
    [InlineData("test_matmulinteger")]
    public void EvaluatorReproducesTheExpectedOutputExactly(string test)
    {
        string directory = ThirdPartyModels.Conformance(test);
        var graph = SourceGraph.Read(Path.Combine(directory, "model.onnx"));
        var inputs = new Dictionary<string, OnnxTensor>();
        for (int i = 0; i < graph.Inputs.Count; i++)
        {
            inputs[graph.Inputs[i].Name] = ReadTensor(Path.Combine(directory, "test_data_set_0", $"input_{i}.pb"));
        }

        var expected = ReadTensor(Path.Combine(directory, "test_data_set_0", "output_0.pb"));
        var actual = new FloatEvaluator(graph).Run(inputs)[graph.Outputs[0].Name];

        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.Element, actual.Element);
        Assert.Equal(expected.Values, actual.Values);
    }

    private static OnnxTensor ReadTensor(string path) =>
        TensorDecoding.Decode(TensorProto.Parser.ParseFrom(File.ReadAllBytes(path)), path);
}
