using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LowBit.Quantization.Training;

namespace LowBit.Quantization.Tests.Training;

/// <summary>libgomp must find OMP_WAIT_POLICY in the C library's environment by the time libtorch loads.</summary>
public sealed class OpenMpWaitPolicyTests
{
    [Fact]
    public void Using_the_library_sets_passive_waiting_in_the_native_environment_unless_the_user_chose()
    {
        var chosen = Environment.GetEnvironmentVariable(OpenMpWaitPolicy.Variable);

        RuntimeHelpers.RunModuleConstructor(typeof(TrainingOptions).Module.ModuleHandle);

        Assert.Equal(chosen ?? OpenMpWaitPolicy.Passive, Marshal.PtrToStringAnsi(getenv(OpenMpWaitPolicy.Variable)));
    }

    [DllImport("libc", CharSet = CharSet.Ansi, ExactSpelling = true)]
    private static extern IntPtr getenv(string name);
}
