using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using LowBit.Generated;
using LowBit.Runtime;

namespace LowBit.Benchmarks;

/// <summary>Batch-1 latency of one model: generated <c>Predict</c> against the reference interpreter (the ratio's baseline).</summary>
[MemoryDiagnoser]
public class InferenceBenchmarks
{
    private ILowBitModel _model = null!;
    private ReferenceInterpreter _interpreter = null!;
    private float[] _input = Array.Empty<float>();
    private float[] _output = Array.Empty<float>();

    public static IEnumerable<string> Models => ModelRegistry.Names;

    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _model = ModelRegistry.Create(Model);
        _interpreter = new ReferenceInterpreter(ModelRegistry.Manifest(Model));
        _input = InputData.For(_model.InputLength);
        _output = new float[_model.OutputLength];
        InputData.RequireBitExact(Model, _model, _interpreter, _input);
    }

    [Benchmark(Description = "Generated")]
    public void Generated() => _model.Predict(_input, _output);

    [Benchmark(Baseline = true, Description = "Interpreter")]
    public void Interpreter() => _interpreter.Predict(_input, _output);
}

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

internal static class InputData
{
    /// <summary>Deterministic inputs in [0, 1): every quantizer level is used.</summary>
    public static float[] For(int length)
    {
        var random = new Random(1234);
        var input = new float[length];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (float)random.NextDouble();
        }

        return input;
    }

    /// <summary>A benchmark of a wrong model would be meaningless: check once that both agree bit for bit.</summary>
    public static void RequireBitExact(string name, ILowBitModel model, ReferenceInterpreter interpreter, float[] input)
    {
        var expected = new float[model.OutputLength];
        var actual = new float[model.OutputLength];
        interpreter.Predict(input, expected);
        model.Predict(input, actual);
        for (int i = 0; i < actual.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(expected[i]))
            {
                throw new InvalidOperationException($"{name}: output {i} differs: generated {actual[i]:R}, interpreter {expected[i]:R}.");
            }
        }
    }
}
