using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using LowBit.Generated;

namespace MnistApp;

/// <summary>
/// The CPU and the kernel path the generated code takes on it: the speed line means little without them
/// (an AVX-512 core and an AVX2-only one run different kernels).
/// </summary>
internal static class MachineDescription
{
    public static string Describe() =>
        $"cpu: {CpuName()} ({RuntimeInformation.ProcessArchitecture}); W2A2 kernel path: {LowBitGemm.PathFor(int16Accumulation: true, activationBits: 2)}";

    private static string CpuName()
    {
        const string CpuInfo = "/proc/cpuinfo";
        var line = File.Exists(CpuInfo) ? File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? "unknown CPU" : line.Substring(line.IndexOf(':') + 1).Trim();
    }
}
