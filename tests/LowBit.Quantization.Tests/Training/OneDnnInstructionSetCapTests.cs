using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LowBit.Quantization.Training;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Training;

/// <summary>The cap that keeps libtorch's oneDNN off its AVX-512 convolutions, which returned NaN at random.</summary>
public sealed class OneDnnInstructionSetCapTests
{
    [Fact]
    public void Using_the_library_caps_onednn_at_avx2_in_the_native_environment_unless_the_user_chose()
    {
        var chosen = Environment.GetEnvironmentVariable(OneDnnInstructionSetCap.Variable) ?? Environment.GetEnvironmentVariable(OneDnnInstructionSetCap.LegacyVariable);

        RuntimeHelpers.RunModuleConstructor(typeof(TrainingOptions).Module.ModuleHandle);

        Assert.Equal(chosen ?? OneDnnInstructionSetCap.Avx2, Marshal.PtrToStringAnsi(getenv(OneDnnInstructionSetCap.Variable)));
    }

    /// <summary>The shape that failed: with freed memory full of NaN, the AVX-512 kernels put NaN into the
    /// output of about every other such convolution on a Zen 5; capped, none.</summary>
    [Fact]
    public void A_convolution_of_finite_values_stays_finite_when_freed_memory_holds_nan()
    {
        RuntimeHelpers.RunModuleConstructor(typeof(TrainingOptions).Module.ModuleHandle);
        TorchSession.Seed(5);
        using var weight = randn(24, 24, 3, 3);
        var failures = 0;
        for (var attempt = 0; attempt < 20; attempt++)
        {
            FreeMemoryFullOfNan();
            using var scope = NewDisposeScope();
            var input = rand(64, 24, 7, 7);
            var output = nn.functional.conv2d(input, weight, padding: new long[] { 1, 1 });
            failures += output.isnan().any().item<bool>() ? 1 : 0;
        }

        Assert.Equal(0, failures);
    }

    private static void FreeMemoryFullOfNan()
    {
        foreach (var length in new long[] { 16, 1_000, 20_000, 200_000, 1_000_000 })
        {
            var blocks = Enumerable.Range(0, 8).Select(_ => full(length, float.NaN)).ToList();
            blocks.ForEach(block => block.Dispose());
        }
    }

    [DllImport("libc", CharSet = CharSet.Ansi, ExactSpelling = true)]
    private static extern IntPtr getenv(string name);
}
