using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LowBit.Benchmarks;

/// <summary>
/// The CPU a report was made on and the multiply-accumulate rate its kernels' instruction mixes reach on one
/// core with operands in registers (8 independent accumulators, no loads): the ceiling "% of peak" refers to.
/// Measured at report time, because the machines these benchmarks run on change from day to day.
/// </summary>
internal sealed class MachinePeak
{
    private MachinePeak(string cpu, double avx512Int16, double avxVnni, double avx2Int16)
    {
        Cpu = cpu;
        Avx512Int16 = avx512Int16;
        AvxVnni = avxVnni;
        Avx2Int16 = avx2Int16;
    }

    /// <summary>"AMD EPYC (family 26, model 2)" from /proc/cpuinfo, with the instruction sets that matter here.</summary>
    public string Cpu { get; }

    /// <summary>GMAC/s of vpmaddubsw + vpaddw on zmm (0 when AVX-512BW is missing).</summary>
    public double Avx512Int16 { get; }

    /// <summary>GMAC/s of 256-bit vpdpbusd (0 without AVX-VNNI).</summary>
    public double AvxVnni { get; }

    /// <summary>GMAC/s of vpmaddubsw + vpaddw on ymm.</summary>
    public double Avx2Int16 { get; }

    /// <summary>The best 8-bit-lane rate of any of the mixes: the ceiling for the peers' int8 kernels too.</summary>
    public double Best => Math.Max(Avx512Int16, Math.Max(AvxVnni, Avx2Int16));

    /// <summary>The ceiling of the path a generated precision takes (≤ 4 bits: int16 accumulation; 8 bits: VNNI or AVX2 pairs).</summary>
    public double ForPrecision(string precision) =>
        precision is "W8A8" ? (AvxVnni > 0 ? AvxVnni : Avx2Int16) : (Avx512Int16 > 0 ? Avx512Int16 : AvxVnni > 0 ? AvxVnni : Avx2Int16);

    public static MachinePeak Measure()
    {
        const long iterations = 20_000_000;
        double avx512 = Avx512BW.IsSupported ? Rate(MaddubsZmm, iterations, 8 * 64) : 0;
        double vnni = System.Runtime.Intrinsics.X86.AvxVnni.IsSupported ? Rate(DpbusdYmm, iterations, 8 * 32) : 0;
        double avx2 = Avx2.IsSupported ? Rate(MaddubsYmm, iterations, 8 * 32) : 0;
        return new MachinePeak(DescribeCpu(), avx512, vnni, avx2);
    }

    public string Describe() =>
        $"{Cpu}; measured one-core peaks: AVX-512BW int16 {Avx512Int16:N0}, AVX-VNNI ymm {AvxVnni:N0}, AVX2 int16 {Avx2Int16:N0} GMAC/s";

    private static double Rate(Func<long, int> body, long iterations, int macsPerIteration)
    {
        body(100_000);
        double best = 0;
        for (int run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            body(iterations);
            best = Math.Max(best, iterations * (double)macsPerIteration / watch.Elapsed.TotalSeconds / 1e9);
        }

        return best;
    }

    private static string DescribeCpu()
    {
        if (!File.Exists("/proc/cpuinfo"))
        {
            return Environment.ProcessorCount + " cores";
        }

        var lines = File.ReadLines("/proc/cpuinfo").TakeWhile(l => l.Length > 0).ToList();
        string Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        string isa = string.Join(", ", new[] { ("AVX2", Avx2.IsSupported), ("AVX-512BW", Avx512BW.IsSupported), ("AVX-VNNI", System.Runtime.Intrinsics.X86.AvxVnni.IsSupported) }.Where(f => f.Item2).Select(f => f.Item1));
        return $"{Field("model name")} (family {Field("cpu family")}, model {Field("model")}; {isa}), {Environment.ProcessorCount} cores";
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int MaddubsZmm(long n)
    {
        var a = Vector512.Create((byte)3);
        var w = Vector512.Create((sbyte)1);
        Vector512<short> h0 = default, h1 = default, h2 = default, h3 = default, h4 = default, h5 = default, h6 = default, h7 = default;
        for (long i = 0; i < n; i++)
        {
            h0 = Avx512BW.Add(h0, Avx512BW.MultiplyAddAdjacent(a, w));
            h1 = Avx512BW.Add(h1, Avx512BW.MultiplyAddAdjacent(a, w));
            h2 = Avx512BW.Add(h2, Avx512BW.MultiplyAddAdjacent(a, w));
            h3 = Avx512BW.Add(h3, Avx512BW.MultiplyAddAdjacent(a, w));
            h4 = Avx512BW.Add(h4, Avx512BW.MultiplyAddAdjacent(a, w));
            h5 = Avx512BW.Add(h5, Avx512BW.MultiplyAddAdjacent(a, w));
            h6 = Avx512BW.Add(h6, Avx512BW.MultiplyAddAdjacent(a, w));
            h7 = Avx512BW.Add(h7, Avx512BW.MultiplyAddAdjacent(a, w));
            a = Avx512BW.Add(a, Vector512<byte>.One);
        }

        return (h0 + h1 + h2 + h3 + h4 + h5 + h6 + h7).ToScalar();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int DpbusdYmm(long n)
    {
        var a = Vector256.Create((byte)3);
        var w = Vector256.Create((sbyte)1);
        Vector256<int> h0 = default, h1 = default, h2 = default, h3 = default, h4 = default, h5 = default, h6 = default, h7 = default;
        for (long i = 0; i < n; i++)
        {
            h0 = System.Runtime.Intrinsics.X86.AvxVnni.MultiplyWideningAndAdd(h0, a, w);
            h1 = System.Runtime.Intrinsics.X86.AvxVnni.MultiplyWideningAndAdd(h1, a, w);
            h2 = System.Runtime.Intrinsics.X86.AvxVnni.MultiplyWideningAndAdd(h2, a, w);
            h3 = System.Runtime.Intrinsics.X86.AvxVnni.MultiplyWideningAndAdd(h3, a, w);
            h4 = System.Runtime.Intrinsics.X86.AvxVnni.MultiplyWideningAndAdd(h4, a, w);
            h5 = System.Runtime.Intrinsics.X86.AvxVnni.MultiplyWideningAndAdd(h5, a, w);
            h6 = System.Runtime.Intrinsics.X86.AvxVnni.MultiplyWideningAndAdd(h6, a, w);
            h7 = System.Runtime.Intrinsics.X86.AvxVnni.MultiplyWideningAndAdd(h7, a, w);
        }

        return (h0 + h1 + h2 + h3 + h4 + h5 + h6 + h7).ToScalar();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int MaddubsYmm(long n)
    {
        var a = Vector256.Create((byte)3);
        var w = Vector256.Create((sbyte)1);
        Vector256<short> h0 = default, h1 = default, h2 = default, h3 = default, h4 = default, h5 = default, h6 = default, h7 = default;
        for (long i = 0; i < n; i++)
        {
            h0 = Avx2.Add(h0, Avx2.MultiplyAddAdjacent(a, w));
            h1 = Avx2.Add(h1, Avx2.MultiplyAddAdjacent(a, w));
            h2 = Avx2.Add(h2, Avx2.MultiplyAddAdjacent(a, w));
            h3 = Avx2.Add(h3, Avx2.MultiplyAddAdjacent(a, w));
            h4 = Avx2.Add(h4, Avx2.MultiplyAddAdjacent(a, w));
            h5 = Avx2.Add(h5, Avx2.MultiplyAddAdjacent(a, w));
            h6 = Avx2.Add(h6, Avx2.MultiplyAddAdjacent(a, w));
            h7 = Avx2.Add(h7, Avx2.MultiplyAddAdjacent(a, w));
            a = Avx2.Add(a, Vector256<byte>.One);
        }

        return (h0 + h1 + h2 + h3 + h4 + h5 + h6 + h7).ToScalar();
    }
}
