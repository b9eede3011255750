using System.Collections.Generic;
using System.IO;
using System.Runtime.Intrinsics.X86;

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
        { "default", string.Empty, Avx2.IsSupported ? "Avx2 (int16 accumulation)" : "Vector128" },
        { "AVX2 off", "DOTNET_EnableAVX2=0", "Vector128" },
        { "hardware intrinsics off", "DOTNET_EnableHWIntrinsic=0", "Scalar" },
    };

    [Theory]
    [MemberData(nameof(X64Paths))]
    public void Generated_code_equals_the_interpreter_bit_for_bit(string configuration, string environment, string expectedPath)
    {
        var result = RunRunner(environment, Samples.ToString(System.Globalization.CultureInfo.InvariantCulture));

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

    internal static ChildProcess.Result RunRunner(string environment, params string[] arguments)
    {
        var runner = RepositoryPaths.BitExactRunner;
        Assert.True(File.Exists(runner), $"The bit-exact runner was not built: {runner}");
        var variables = new Dictionary<string, string>();
        if (environment.Length > 0)
        {
            var parts = environment.Split('=');
            variables[parts[0]] = parts[1];
        }

        var commandLine = new List<string> { runner };
        commandLine.AddRange(arguments);
        return ChildProcess.Run("dotnet", commandLine, variables);
    }
}
