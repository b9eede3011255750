using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace LowBit.ArmCost;

/// <summary>What insn-count.c wrote at the end of one qemu run (its format is described in that file).</summary>
public sealed class PluginReport
{
    /// <summary>Instructions executed while <paramref name="Symbol"/> was the root the thread last entered, coming from address <paramref name="From"/>.</summary>
    public sealed record Region(long Instructions, int Order, ulong From, string Symbol);

    private PluginReport(long total, IReadOnlyDictionary<string, long> self, IReadOnlyList<Region> regions, IReadOnlyDictionary<string, long> instructionKinds)
    {
        Total = total;
        Self = self;
        Regions = regions;
        InstructionKinds = instructionKinds;
    }

    /// <summary>Every instruction of every thread, start-up and exit included.</summary>
    public long Total { get; }

    /// <summary>Instructions by the function they belong to.</summary>
    public IReadOnlyDictionary<string, long> Self { get; }

    public IReadOnlyList<Region> Regions { get; }

    /// <summary>Executions of the dot-product and int8 matrix-multiply instructions by mnemonic (every thread): which kernels ran.</summary>
    public IReadOnlyDictionary<string, long> InstructionKinds { get; }

    public static PluginReport Read(string path)
    {
        long? total = null;
        var self = new Dictionary<string, long>(StringComparer.Ordinal);
        var regions = new List<Region>();
        var kinds = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var fields = line.Split('\t');
            switch (fields[0])
            {
                case "total":
                    total = Number(fields[1]);
                    break;
                case "self":
                    self[fields[2]] = self.GetValueOrDefault(fields[2]) + Number(fields[1]);
                    break;
                case "insn":
                    kinds[fields[2]] = Number(fields[1]);
                    break;
                case "region":
                    regions.Add(new Region(Number(fields[1]), (int)Number(fields[2]), ulong.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture), fields[4]));
                    break;
                default:
                    throw new ArmCostException($"{path}: unexpected line \"{line}\".");
            }
        }

        return new PluginReport(total ?? throw new ArmCostException($"{path}: no total line; did qemu exit before the plugin's atexit callback?"), self, regions, kinds);
    }

    private static long Number(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}
