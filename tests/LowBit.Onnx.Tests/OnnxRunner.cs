using System;
using System.Linq;
using LowBit.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace LowBit.Onnx.Tests;

/// <summary>Runs an exported model in ONNX Runtime on a batch of samples laid end to end.</summary>
internal sealed class OnnxRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OnnxExport _export;
    private readonly int[] _sampleShape;

    public OnnxRunner(OnnxExport export, int[] sampleShape, GraphOptimizationLevel optimization = GraphOptimizationLevel.ORT_ENABLE_ALL)
    {
        _export = export;
        _sampleShape = sampleShape;
        using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = optimization };
        _session = new InferenceSession(export.ToByteArray(), options);
    }

    public float[] Run(float[] batch, int batchSize)
    {
        var dims = new[] { batchSize }.Concat(_sampleShape).ToArray();
        var input = NamedOnnxValue.CreateFromTensor(_export.InputName, new DenseTensor<float>(batch, dims));
        using var results = _session.Run(new[] { input });
        return results.Single(r => r.Name == _export.OutputName).AsEnumerable<float>().ToArray();
    }

    public void Dispose() => _session.Dispose();
}
