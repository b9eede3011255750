using System.Collections.Generic;

namespace LowBit.ArmCost;

/// <summary>
/// A CPU qemu emulates, chosen for whether it has the dot-product extension. The NativeAOT binary checks
/// <c>Dp.IsSupported</c> against the CPU at start-up (the <c>DOTNET_EnableArm64Dp=0</c> knob only reaches the
/// JIT, and qemu 7.2's <c>max</c> CPU has no property to drop dotprod), so the CPU model picks the kernel path.
/// </summary>
public sealed record CpuVariant(string Label, string QemuCpu, bool HasDotProduct)
{
    /// <summary>qemu's "max": every feature qemu 7.2 implements, SDOT included.</summary>
    public static readonly CpuVariant WithDotProduct = new("Dp on", "max", true);

    /// <summary>Cortex-A72: Armv8.0-A with AdvSimd and no dot product.</summary>
    public static readonly CpuVariant WithoutDotProduct = new("Dp off", "cortex-a72", false);

    public static IReadOnlyList<CpuVariant> All { get; } = new[] { WithDotProduct, WithoutDotProduct };
}
