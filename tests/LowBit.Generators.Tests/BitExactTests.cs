using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Intrinsics.X86;
using LowBit.TestModels;

namespace LowBit.Generators.Tests;

/// <summary>
/// Every catalog model, compiled by the generator, against the reference interpreter — once per
/// instruction-set path this CPU can take, each forced by switching the faster ones off at process
/// start. The runner prints which path it took, and the test checks that too, so a run that silently
/// fell back to another path cannot pass for the one it claims.
/// </summary>
[Trait("Category", "BitExact")]
public sealed class BitExactTests
{
    private const int Samples = 16;

    public static TheoryData<string, string, string> X64Paths => new()
    {
        { "default", string.Empty, Avx512BW.IsSupported ? "Avx512BW (int16 accumulation)" : AvxVnni.IsSupported ? "AvxVnni (vpdpbusd)" : Avx2.IsSupported ? "Avx2 (int16 accumulation)" : "Vector128" },
        { "AVX-512 off", "DOTNET_EnableAVX512=0", AvxVnni.IsSupported ? "AvxVnni (vpdpbusd)" : Avx2.IsSupported ? "Avx2 (int16 accumulation)" : "Vector128" },
        { "AVX-512 and AVX-VNNI off", "DOTNET_EnableAVX512=0 DOTNET_EnableAVXVNNI=0", Avx2.IsSupported ? "Avx2 (int16 accumulation)" : "Vector128" },
        { "AVX2 off", "DOTNET_EnableAVX2=0", "Vector128" },
        { "hardware intrinsics off", "DOTNET_EnableHWIntrinsic=0", "Scalar" },
    };

    [Theory]
    [MemberData(nameof(X64Paths))]
    public void Generated_code_equals_the_interpreter_bit_for_bit(string configuration, string environment, string expectedPath)
    {
        var result = RunRunner(environment, Samples.ToString(CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, $"{configuration}: the bit-exact runner failed:\n{result.Output}");
        Assert.Contains($"low-bit={expectedPath}", result.Output);
        Assert.Contains(" 0 models differ from the reference interpreter", result.Output);
    }

    [Fact]
    public void Predict_allocates_nothing_across_a_thousand_calls_for_any_model()
    {
        var result = RunRunner(string.Empty, "--allocations");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("0 models allocate", result.Output);
    }

    /// <summary>The runner's build output for the configuration these tests were built in.</summary>
    private static string Runner
    {
        get
        {
            // …/tests/LowBit.Generators.Tests/bin/<Configuration>/net10.0/ → the same under LowBit.BitExact.
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "tests", "LowBit.BitExact", "bin", configuration, framework.Name, "LowBit.BitExact.dll");
        }
    }

    private static ChildProcess.Result RunRunner(string environment, params string[] arguments)
    {
        var runner = Runner;
        Assert.True(File.Exists(runner), $"The bit-exact runner was not built: {runner}");
        return ChildProcess.Run("dotnet", arguments.Prepend(runner), ChildProcess.Variables(environment));
    }
}
