using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using LowBit.Benchmarks.Peers;
using LowBit.Generated;
using LowBit.Onnx;
using TorchSharp;

namespace LowBit.Benchmarks;

/// <summary>
/// One network, side by side: the generated code at every precision against what a user would deploy
/// instead — TorchSharp fp32 eager, ONNX Runtime fp32 and ONNX Runtime int8 (QDQ, fused to QLinearConv) of
/// the same architecture with the W8A8 model's weights dequantized. Everything single-threaded. At batch 64
/// every runtime gets one batched call (the generated model's batched Predict runs layer by layer over the batch).
/// </summary>
[MemoryDiagnoser]
public class NetworkBenchmarks
{
    private readonly Dictionary<string, ILowBitModel> _generated = new(StringComparer.Ordinal);
    private float[] _input = Array.Empty<float>();
    private float[] _output = Array.Empty<float>();
    private int _inputLength;
    private int _outputLength;
    private TorchSharpFloatModel _torch = null!;
    private torch.Tensor _torchInput = null!;
    private OnnxRuntimeModel _onnxFloat = null!;
    private OnnxRuntimeModel _onnxInt8 = null!;

    public static IEnumerable<string> Networks => BenchmarkCatalog.NetworkNames;

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = string.Empty;

    [ParamsSource(nameof(Batches))]
    public int Batch { get; set; } = 1;

    /// <summary>Batch 1 only under --quick (set by Program through the environment, as BenchmarkDotNet builds the params itself).</summary>
    public static IEnumerable<int> Batches => BenchmarkCatalog.Quick ? new[] { 1 } : new[] { 1, 64 };

    [GlobalSetup]
    public void Setup()
    {
        foreach (var precision in BenchmarkCatalog.NetworkPrecisions)
        {
            _generated[precision] = ModelRegistry.Create(Network + "_" + precision);
        }

        var peerManifest = ModelRegistry.Manifest(Network + "_w8a8");
        var first = _generated["w2a2"];
        _inputLength = first.InputLength;
        _outputLength = first.OutputLength;
        _input = InputData.For(_inputLength * Batch);
        _output = new float[_outputLength * Batch];

        torch.set_num_threads(1);
        _torch = new TorchSharpFloatModel(peerManifest);
        var shape = new List<long> { Batch };
        shape.AddRange(Array.ConvertAll(peerManifest.Input.Shape.ToArray(), d => (long)d));
        _torchInput = torch.tensor(_input, shape.ToArray());
        _onnxFloat = new OnnxRuntimeModel(peerManifest, OnnxFlavor.Float, _input, _output, Batch);
        _onnxInt8 = new OnnxRuntimeModel(peerManifest, OnnxFlavor.Qdq, _input, _output, Batch);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _torchInput.Dispose();
        _torch.Dispose();
        _onnxFloat.Dispose();
        _onnxInt8.Dispose();
    }

    [Benchmark(Description = "Generated W1A1")]
    public void GeneratedW1A1() => Generated("w1a1");

    [Benchmark(Description = "Generated W2A2")]
    public void GeneratedW2A2() => Generated("w2a2");

    [Benchmark(Description = "Generated W4A4")]
    public void GeneratedW4A4() => Generated("w4a4");

    [Benchmark(Description = "Generated W8A8")]
    public void GeneratedW8A8() => Generated("w8a8");

    [Benchmark(Description = "Generated mixed")]
    public void GeneratedMixed() => Generated("mixed");

    [Benchmark(Description = "TorchSharp fp32")]
    public void TorchSharpFloat()
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        _torch.Forward(_torchInput);
    }

    [Benchmark(Description = "ONNX Runtime fp32")]
    public void OnnxRuntimeFloat() => _onnxFloat.Run();

    [Benchmark(Baseline = true, Description = "ONNX Runtime int8")]
    public void OnnxRuntimeInt8() => _onnxInt8.Run();

    private void Generated(string precision) => _generated[precision].Predict(_input, _output, Batch);
}
