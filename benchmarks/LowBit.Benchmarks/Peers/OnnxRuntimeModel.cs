using System;
using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace LowBit.Benchmarks.Peers;

/// <summary>
/// An ONNX export of a manifest in an ONNX Runtime session with all graph optimizations, one intra-op
/// thread (the generated code is single-threaded) and input and output bound once, so a run does no
/// managed allocation of its own.
/// </summary>
internal sealed class OnnxRuntimeModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;

    public OnnxRuntimeModel(ModelManifest manifest, OnnxFlavor flavor, float[] input, float[] output, int batch)
    {
        var export = OnnxExporter.Export(manifest, flavor);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(export.ToByteArray(), options);
        _input = OrtValue.CreateTensorValueFromMemory(input, new long[] { batch }.Concat(manifest.Input.Shape.ToArray().Select(d => (long)d)).ToArray());
        _output = OrtValue.CreateTensorValueFromMemory(output, new long[] { batch }.Concat(manifest.OutputLayer.OutputShape.ToArray().Select(d => (long)d)).ToArray());
        _inputNames = new[] { export.InputName };
        _outputNames = new[] { export.OutputName };
        _inputs = new[] { _input };
        _outputs = new[] { _output };
    }

    public void Run() => _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

    public void Dispose()
    {
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
