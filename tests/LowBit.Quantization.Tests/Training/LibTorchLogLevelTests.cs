using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LowBit.Quantization.Training;

namespace LowBit.Quantization.Tests.Training;

/// <summary>libtorch must find TORCH_CPP_LOG_LEVEL in the C library's environment by the time it loads.</summary>
public sealed class LibTorchLogLevelTests
{
    [Fact]
    public void Using_the_library_keeps_libtorch_to_errors_unless_the_user_chose()
    {
        var chosen = Environment.GetEnvironmentVariable(LibTorchLogLevel.Variable);

        RuntimeHelpers.RunModuleConstructor(typeof(TrainingOptions).Module.ModuleHandle);

        Assert.Equal(chosen ?? LibTorchLogLevel.ErrorsOnly, Marshal.PtrToStringAnsi(getenv(LibTorchLogLevel.Variable)));
    }

    [DllImport("libc", CharSet = CharSet.Ansi, ExactSpelling = true)]
    private static extern IntPtr getenv(string name);
}
