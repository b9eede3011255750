using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LowBit.ArmCost;

/// <summary>
/// The counted cost of ONNX Runtime int8 on one network and CPU; every figure is per inference. Unlike our
/// generated code, ONNX Runtime's inferences are not identical instruction for instruction (its allocator and
/// locks take slightly different paths from run to run), so the count is a mean over the extra inferences
/// and <see cref="Spread"/> says how far a repeat of the longer run moved it.
/// </summary>
public sealed class PeerCost
{
    public PeerCost(string network, CpuVariant cpu, string checksum, int repeat, long loopDifference, long repeatDifference, IReadOnlyDictionary<string, long> instructionKindDifference)
    {
        Network = network;
        Cpu = cpu;
        Checksum = checksum;
        PerInference = (double)loopDifference / repeat;
        Spread = (double)repeatDifference / repeat;
        InstructionKinds = instructionKindDifference.Where(k => k.Value != 0).ToDictionary(k => k.Key, k => (double)k.Value / repeat);
    }

    public string Network { get; }

    public CpuVariant Cpu { get; }

    public string Checksum { get; }

    /// <summary>Instructions of the loop thread from the call of Run to its return, per inference (the mean over the extra inferences).</summary>
    public double PerInference { get; }

    /// <summary>|second longer run − first longer run| ÷ extra inferences: how much <see cref="PerInference"/> moves between repeats.</summary>
    public double Spread { get; }

    /// <summary>Dot-product and int8 matrix-multiply instructions per inference by mnemonic: the MLAS kernel path taken.</summary>
    public IReadOnlyDictionary<string, double> InstructionKinds { get; }

    /// <summary>"udot (by element) 254,016": the counted kinds that ran, most frequent first.</summary>
    public string KernelPath =>
        InstructionKinds.Count == 0
            ? "no SDOT/UDOT/MMLA (widening multiplies)"
            : string.Join(", ", InstructionKinds.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value.ToString("N0", CultureInfo.InvariantCulture)}"));
}
