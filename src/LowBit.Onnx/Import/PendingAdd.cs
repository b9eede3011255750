using System;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>
/// A residual Add of two quantized tensors: real = s_a(α_a·L_a + β_a) + s_b(α_b·L_b + β_b) = u·(m₀·L_a + m₁·L_b) + c
/// with small positive integers m₀, m₁ whose ratio is exactly that of s_a·α_a to s_b·α_b; the manifest's add
/// accumulates m₀·L_a + m₁·L_b and the next quantizer's thresholds absorb u and c.
/// </summary>
internal sealed class PendingAdd : IPendingAccumulator
{
    private const int MaxMultiplier = 64;
    private readonly LevelsSymbol _first;
    private readonly LevelsSymbol _second;
    private readonly double _unit;
    private readonly double _offset;

    public PendingAdd(SourceNode node, LevelsSymbol first, LevelsSymbol second)
    {
        Node = node;
        _first = first;
        _second = second;
        double a = first.Scale * first.Alpha, b = second.Scale * second.Alpha;
        var multipliers = Enumerable.Range(1, MaxMultiplier)
            .Select(m1 => (First: a / b * m1, Second: m1))
            .FirstOrDefault(m => m.First == Math.Round(m.First) && m.First >= 1 && m.First <= MaxMultiplier && a / m.First == b / m.Second);
        if (multipliers.Second == 0)
        {
            throw OnnxImportException.AtNode(node, $"the two inputs' scales {a:R} and {b:R} are not in a ratio of integers up to {MaxMultiplier}; the sum cannot be an integer accumulator.");
        }

        (FirstMultiplier, SecondMultiplier) = ((int)multipliers.First, multipliers.Second);
        _unit = a / FirstMultiplier;
        _offset = (first.Scale * first.Beta) + (second.Scale * second.Beta);
    }

    public SourceNode Node { get; }

    public int FirstMultiplier { get; }

    public int SecondMultiplier { get; }

    public int OutChannels => _first.Shape.Length > 1 ? _first.Shape[1] : 1;

    public string IdStem => "add";

    public long Bound => AccumulatorBounds.Add(FirstMultiplier, _first.Levels, SecondMultiplier, _second.Levels);

    public (long Low, long High) Range(int channel) => (0, ((long)FirstMultiplier * _first.MaxLevel) + ((long)SecondMultiplier * _second.MaxLevel));

    public double Real(long accumulator, int channel) => (_unit * accumulator) + _offset;

    public Layer Emit(string id, Requantization requantization) =>
        requantization is ThresholdRequantization thresholds
            ? new AddLayer(id, new[] { _first.TensorId, _second.TensorId }, new TensorShape(_first.Shape.Skip(1).ToArray()), FirstMultiplier, SecondMultiplier, thresholds)
            : throw OnnxImportException.AtNode(Node, "a residual add ends the graph; the manifest's last layer is a MatMul/Gemm/Conv with float output.");

    public string Describe() => $"Add '{Node.Name}' of '{_first.TensorId}' × {FirstMultiplier} and '{_second.TensorId}' × {SecondMultiplier}";
}
