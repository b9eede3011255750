using System;
using System.Runtime.InteropServices;

namespace LowBit.Quantization.Training;

/// <summary>
/// Variables that libtorch's native libraries read from the C library's environment when they load. .NET keeps
/// its own copy of the environment and does not write through to it, so they are set with libc's setenv.
/// </summary>
internal static class NativeEnvironment
{
    /// <summary>Sets <paramref name="name"/> unless the user already chose a value.</summary>
    public static void SetDefault(string name, string value)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(name) is not null)
        {
            return;
        }

        _ = setenv(name, value, overwrite: 0);
    }

    [DllImport("libc", CharSet = CharSet.Ansi, ExactSpelling = true)]
    private static extern int setenv(string name, string value, int overwrite);
}
