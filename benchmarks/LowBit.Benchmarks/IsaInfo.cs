using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LowBit.Generated;

namespace LowBit.Benchmarks;

/// <summary>Which instruction sets the JIT reports and which GEMM kernel path they select.</summary>
internal static class IsaInfo
{
    public static string Describe() =>
        $"Vector128={Vector128.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} Avx2={Avx2.IsSupported} Avx512BW={Avx512BW.IsSupported}; " +
        $"kernel path: W2A2={LowBitGemm.PathFor(int16Accumulation: true, 2)}, W4A4={LowBitGemm.PathFor(int16Accumulation: true, 4)}, W8A8={LowBitGemm.PathFor(int16Accumulation: false, 8)}";
}
