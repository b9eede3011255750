using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LowBit.Quantization.Training;

/// <summary>
/// libtorch 2.10's oneDNN (TorchSharp 0.107) float convolutions on AVX-512 return NaN at random for some shapes: on this project's
/// AMD Zen 5 VM, a [64, 24, 7, 7] input through a 3×3, 24→24 convolution with padding 1 — finite, contiguous
/// input and weights — came out with NaNs in about half of the runs once freed memory held NaNs, and never with
/// oneDNN capped at AVX2 (likewise at AVX512_CORE: it is the AVX-512 kernels). A NaN there silently ruins a
/// training run (the residual blocks' tests trained into NaN in CI, each run different ones), so oneDNN is
/// capped at AVX2, which every x64 CPU with AVX-512 also has. It matters to training only; inference never
/// runs libtorch. oneDNN reads the cap once, at its first primitive; a cap the user set is left alone.
/// </summary>
internal static class OneDnnInstructionSetCap
{
    /// <summary>oneDNN reads MAX_CPU_ISA under both prefixes, the ONEDNN_ one first.</summary>
    public const string Variable = "ONEDNN_MAX_CPU_ISA";

    public const string LegacyVariable = "DNNL_MAX_CPU_ISA";

    public const string Avx2 = "AVX2";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "It must run before libtorch creates its first oneDNN primitive, whichever type of this library is used first.")]
    internal static void CapAtAvx2()
    {
        if (System.Environment.GetEnvironmentVariable(LegacyVariable) is { } legacy)
        {
            // A user who capped with the old name keeps that cap under the new one.
            NativeEnvironment.SetDefault(Variable, legacy);
            return;
        }

        NativeEnvironment.SetDefault(Variable, Avx2);
        NativeEnvironment.SetDefault(LegacyVariable, Avx2);
    }
}
