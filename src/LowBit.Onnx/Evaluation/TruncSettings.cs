using System;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Evaluation;

/// <summary>
/// A QONNX Trunc node's form, bitwidths and attributes. qonnx has written three forms, told apart by the
/// input count: (X, scale, zeropt, in_bitwidth, out_bitwidth) in its first version (Brevitas's QONNX export and HAWQ write it);
/// (X, scale, zeropt, in_bitwidth, out_scale, out_bitwidth) from opset 2; and the same with an out_zeropt
/// before out_bitwidth, which qonnx reads and does not use.
/// </summary>
public sealed record TruncSettings(double InBits, double OutBits, bool Signed, bool Narrow, RoundingMode Rounding)
{
    /// <summary>True for the five-input first version, which has no output scale and does not clamp.</summary>
    public bool FirstVersion { get; init; }

    /// <summary>Index of out_scale (opset 2 and later), or −1 in the first version.</summary>
    public int OutScaleInput { get; init; } = -1;

    /// <summary>Index of out_zeropt in the seven-input form, or −1.</summary>
    public int OutZeroPointInput { get; init; } = -1;

    public static TruncSettings Read(SourceNode node, Func<int, OnnxTensor> input)
    {
        int count = node.Inputs.Count;
        if (count is < 5 or > 7)
        {
            throw OnnxImportException.AtNode(node, $"has {count} inputs; Trunc takes 5 (qonnx's first version), 6 (opset 2: X, scale, zeropt, in_bitwidth, out_scale, out_bitwidth) or 7 (with out_zeropt).");
        }

        string mode = node.Attributes.String("rounding_mode", "FLOOR");
        var rounding = RoundingModes.Parse(mode) ?? throw OnnxImportException.AtNode(node, $"rounding_mode '{mode}' is not one of ROUND, HALF_EVEN, CEIL, FLOOR, UP, DOWN, HALF_UP, HALF_DOWN.");

        // qonnx's code and trunc_v2.md agree on these defaults (signed 1, narrow 0), unlike Quant's.
        bool signed = node.Attributes.Int("signed", 1) != 0;
        bool narrow = node.Attributes.Int("narrow", 0) != 0;
        return new TruncSettings(Bits(node, input(3), "in_bitwidth"), Bits(node, input(count - 1), "out_bitwidth"), signed, narrow, rounding)
        {
            FirstVersion = count == 5,
            OutScaleInput = count == 5 ? -1 : 4,
            OutZeroPointInput = count == 7 ? 5 : -1,
        };
    }

    private static double Bits(SourceNode node, OnnxTensor bitwidth, string name) =>
        bitwidth.Length == 1 && bitwidth.Values[0] == Math.Floor(bitwidth.Values[0]) && bitwidth.Values[0] >= 1
            ? bitwidth.Values[0]
            : throw OnnxImportException.AtNode(node, $"{name} must be one positive integer, found [{string.Join(", ", bitwidth.Values)}].");
}
