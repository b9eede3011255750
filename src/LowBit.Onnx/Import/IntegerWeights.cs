using System.Linq;
using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>
/// A layer's weights as the integers the graph multiplies by, in the manifest's order (output channel
/// first), with the per-output-channel scale that turns them into the graph's float weights.
/// </summary>
internal sealed class IntegerWeights
{
    public IntegerWeights(int[] values, int outChannels, double[] scale, WeightEncoding encoding, int bits, string origin)
    {
        Values = values;
        OutChannels = outChannels;
        Scale = scale;
        Encoding = encoding;
        Bits = bits;
        Origin = origin;
        int fanIn = values.Length / outChannels;
        RowSums = Enumerable.Range(0, outChannels).Select(o => values.Skip(o * fanIn).Take(fanIn).Sum(v => (long)v)).ToArray();
    }

    public int[] Values { get; }

    public int OutChannels { get; }

    public int FanIn => Values.Length / OutChannels;

    /// <summary>Real value of one integer unit, per output channel.</summary>
    public double[] Scale { get; }

    public WeightEncoding Encoding { get; }

    public int Bits { get; }

    /// <summary>How the integers were found, for the import log (e.g. "Quant '41' 2-bit narrow").</summary>
    public string Origin { get; }

    /// <summary>Σ_i w[c, i], for folding the input levels' offset β into thresholds.</summary>
    public long[] RowSums { get; }

    public long MinDot(int channel, int maxLevel) => Row(channel).Where(w => w < 0).Sum(w => (long)w) * maxLevel;

    public long MaxDot(int channel, int maxLevel) => Row(channel).Where(w => w > 0).Sum(w => (long)w) * maxLevel;

    public PackedWeights Pack() => PackedWeights.Pack(Encoding, Bits, Values.Select(v => (sbyte)v).ToArray());

    private System.Collections.Generic.IEnumerable<int> Row(int channel) => Values.Skip(channel * FanIn).Take(FanIn);

    /// <summary>The narrowest manifest encoding holding every value, or null beyond 8-bit signed.</summary>
    public static (WeightEncoding Encoding, int Bits)? NarrowestEncoding(int[] values)
    {
        int min = values.Length == 0 ? 0 : values.Min();
        int max = values.Length == 0 ? 0 : values.Max();
        if (values.All(v => v is -1 or 1))
        {
            return (WeightEncoding.Binary, 1);
        }

        if (min >= -1 && max <= 1)
        {
            return (WeightEncoding.Ternary, 2);
        }

        for (int bits = 2; bits <= 8; bits++)
        {
            if (min >= -(1 << (bits - 1)) && max <= (1 << (bits - 1)) - 1)
            {
                return (WeightEncoding.Signed, bits);
            }
        }

        return null;
    }
}
