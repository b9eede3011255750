using System.Collections.Generic;

namespace LowBit.ArmCost;

/// <summary>
/// A CPU qemu emulates, chosen for its 8-bit dot-product and matrix-multiply extensions. The NativeAOT binary
/// checks <c>Dp.IsSupported</c> against the CPU at start-up (the <c>DOTNET_EnableArm64Dp=0</c> knob only reaches
/// the JIT, and qemu 7.2's <c>max</c> CPU has no property to drop dotprod), and ONNX Runtime picks its MLAS
/// kernels from the CPU's features too, so the CPU model picks the kernel path of both.
/// </summary>
public sealed record CpuVariant(string Label, string QemuCpu, bool HasDotProduct, bool InPerLayerTables)
{
    /// <summary>qemu's "max": every feature qemu 7.2 implements: SDOT, the int8 matrix multiplies (I8MM), SVE.</summary>
    public static readonly CpuVariant WithDotProduct = new("max", "max", true, true);

    /// <summary>
    /// Cortex-A76 (Armv8.2-A): SDOT/UDOT without I8MM or SVE, the common phone and server core of the peer
    /// comparison (ONNX Runtime takes its UDOT kernels here, its SVE UMMLA kernels on max). Our generated
    /// code uses SDOT only, so its per-layer counts are max's and the per-layer tables leave it out.
    /// </summary>
    public static readonly CpuVariant WithDotProductWithoutI8mm = new("A76", "cortex-a76", true, false);

    /// <summary>Cortex-A72: Armv8.0-A with AdvSimd and no dot product.</summary>
    public static readonly CpuVariant WithoutDotProduct = new("A72", "cortex-a72", false, true);

    public static IReadOnlyList<CpuVariant> All { get; } = new[] { WithDotProductWithoutI8mm, WithDotProduct, WithoutDotProduct };

    /// <summary>"A76 (cortex-a76: Dp)": the label with what the CPU has, for table legends.</summary>
    public string Description => $"{Label} = `-cpu {QemuCpu}` ({(QemuCpu == "max" ? "SDOT, I8MM, SVE" : HasDotProduct ? "SDOT, no I8MM" : "no SDOT")})";
}
