using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using LowBit.Generated;
using LowBit.Runtime;

namespace LowBit.Benchmarks;

/// <summary>
/// The reference interpreter against the generated code on the same W2A2 network, batch 1 (the interpreter
/// is plain, obviously-correct code: the oracle, not a deployment path; batch 64 would only multiply it).
/// </summary>
[MemoryDiagnoser]
public class InterpreterBenchmarks
{
    private ILowBitModel _model = null!;
    private ReferenceInterpreter _interpreter = null!;
    private float[] _input = Array.Empty<float>();
    private float[] _output = Array.Empty<float>();

    public static IEnumerable<string> Networks => BenchmarkCatalog.NetworkNames;

    [ParamsSource(nameof(Networks))]
    public string Network { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        var name = Network + "_w2a2";
        _model = ModelRegistry.Create(name);
        _interpreter = new ReferenceInterpreter(ModelRegistry.Manifest(name));
        _input = InputData.For(_model.InputLength);
        _output = new float[_model.OutputLength];
        InputData.RequireBitExact(name, _model, _interpreter, _input);
    }

    [Benchmark(Baseline = true, Description = "Generated W2A2")]
    public void Generated() => _model.Predict(_input, _output);

    [Benchmark(Description = "Interpreter W2A2")]
    public void Interpreter() => _interpreter.Predict(_input, _output);
}
