using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using LowBit.Generated;
using LowBit.Runtime;

namespace LowBit.Benchmarks;

/// <summary>Generated <c>Predict</c> only, for the per-ISA runs (jobs that switch instruction sets off by environment variable).</summary>
[MemoryDiagnoser]
public class IsaBenchmarks
{
    private ILowBitModel _model = null!;
    private float[] _input = Array.Empty<float>();
    private float[] _output = Array.Empty<float>();

    /// <summary>One small and one large model at low bit and at 8 bit.</summary>
    public static IEnumerable<string> Models => new[] { "mnist_cnn_w2a2", "mnist_cnn_w8a8", "conv64_w2a2", "conv64_w8a8" };

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _model = ModelRegistry.Create(Model);
        _input = InputData.For(_model.InputLength);
        _output = new float[_model.OutputLength];
        Console.WriteLine("// LowBit ISA: " + IsaInfo.Describe());
    }

    [Benchmark(Description = "Generated")]
    public void Generated() => _model.Predict(_input, _output);
}
