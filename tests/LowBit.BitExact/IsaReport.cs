using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using LowBit.Generated;

namespace LowBit.BitExact;

/// <summary>Which instruction sets the JIT reports and which kernel path that selects, so every run says what it proved.</summary>
internal static class IsaReport
{
    public static string Describe() =>
        $"arch={RuntimeInformation.ProcessArchitecture} Vector128={Vector128.IsHardwareAccelerated} Sse41={Sse41.IsSupported} Avx2={Avx2.IsSupported} " +
        $"AdvSimd={AdvSimd.IsSupported} AdvSimd.Arm64={AdvSimd.Arm64.IsSupported} Dp={Dp.IsSupported}\n" +
        $"kernel path: low-bit={LowBitGemm.PathFor(int16Accumulation: true, 2)}; 7-bit={LowBitGemm.PathFor(int16Accumulation: true, 7)}; 8-bit={LowBitGemm.PathFor(int16Accumulation: false, 8)}; grouped low-bit={LowBitDotKernels.PathFor(2, 6)}";
}
