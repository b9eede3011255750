using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using LowBit.Generated;

namespace LowBit.Benchmarks;

/// <summary>One layer type at W1A1 … W8A8, generated code, batch 1: the low-bit speed-up over 8-bit per layer type.</summary>
[MemoryDiagnoser]
public class LayerBenchmarks
{
    private readonly Dictionary<string, ILowBitModel> _models = new(StringComparer.Ordinal);
    private float[] _input = Array.Empty<float>();
    private float[] _output = Array.Empty<float>();

    public static IEnumerable<string> Layers => BenchmarkCatalog.LayerNames;

    [ParamsSource(nameof(Layers))]
    public string Layer { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        foreach (var precision in new[] { "w1a1", "w2a2", "w4a4", "w8a8" })
        {
            _models[precision] = ModelRegistry.Create(Layer + "_" + precision);
        }

        _input = InputData.For(_models["w8a8"].InputLength);
        _output = new float[_models["w8a8"].OutputLength];
    }

    [Benchmark(Description = "W1A1")]
    public void W1A1() => _models["w1a1"].Predict(_input, _output);

    [Benchmark(Description = "W2A2")]
    public void W2A2() => _models["w2a2"].Predict(_input, _output);

    [Benchmark(Description = "W4A4")]
    public void W4A4() => _models["w4a4"].Predict(_input, _output);

    [Benchmark(Baseline = true, Description = "W8A8")]
    public void W8A8() => _models["w8a8"].Predict(_input, _output);
}
