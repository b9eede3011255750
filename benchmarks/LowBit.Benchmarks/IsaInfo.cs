using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LowBit.Generated;

namespace LowBit.Benchmarks;

/// <summary>Which instruction sets the JIT reports and which dot-kernel path they select.</summary>
internal static class IsaInfo
{
    public static string Describe() =>
        $"Vector128={Vector128.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} Avx2={Avx2.IsSupported} Avx512BW={Avx512BW.IsSupported}; " +
        $"kernel path: W2A2={LowBitDotKernels.PathFor(2, 3 * 2)}, W4A4={LowBitDotKernels.PathFor(4, 15 * 8)}, W8A8={LowBitDotKernels.PathFor(8, 255 * 128)}";
}
