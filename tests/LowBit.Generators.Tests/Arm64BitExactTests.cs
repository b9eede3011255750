using System.IO;

namespace LowBit.Generators.Tests;

/// <summary>
/// The ARM kernel paths, exercised rather than just compiled: the catalog runner published for
/// linux-arm64 runs under qemu-aarch64 (-cpu max enables the dot-product extension) with SDOT on,
/// with SDOT off (AdvSimd int16 multiply-accumulate) and with intrinsics off (scalar). Each run must report
/// the path it took and match the reference interpreter bit for bit. These tests fail, never skip,
/// when the emulator is missing: .ci/run installs it.
/// </summary>
[Trait("Category", "Arm64")]
public sealed class Arm64BitExactTests : IClassFixture<Arm64RunnerFixture>
{
    private const string Samples = "4";

    private readonly Arm64RunnerFixture _arm64;

    public Arm64BitExactTests(Arm64RunnerFixture arm64)
    {
        _arm64 = arm64;
    }

    public static TheoryData<string, string, string, string> Paths => new()
    {
        { "SDOT", string.Empty, "AdvSimd.Dp (SDOT by lane)", "AdvSimd.Dp (SDOT by lane, activations − 128)" },
        { "AdvSimd without SDOT", "DOTNET_EnableArm64Dp=0", "AdvSimd (int16 accumulation)", "AdvSimd (int16 accumulation)" },
        { "scalar", "DOTNET_EnableHWIntrinsic=0", "Scalar", "Scalar" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Generated_code_equals_the_interpreter_on_arm64(string configuration, string environment, string lowBitPath, string eightBitPath)
    {
        Assert.True(File.Exists(_arm64.Qemu), $"qemu-aarch64 is not installed; the ARM suite needs: {Arm64RunnerFixture.RequiredPackages}. .ci/run installs them.");
        var result = _arm64.Run(ChildProcess.Variables(environment), Samples);

        Assert.True(result.ExitCode == 0, $"{configuration}: the arm64 runner failed:\n{result.Output}");
        Assert.Contains("arch=Arm64", result.Output);
        Assert.Contains($"low-bit={lowBitPath};", result.Output);
        Assert.Contains($"8-bit={eightBitPath}", result.Output);
        Assert.Contains(" 0 models differ from the reference interpreter", result.Output);
    }
}
