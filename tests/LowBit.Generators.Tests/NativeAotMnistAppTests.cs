using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using LowBit.Data;
using LowBit.Runtime;
using LowBit.TestModels;
using Xunit.Abstractions;

namespace LowBit.Generators.Tests;

/// <summary>
/// examples/MnistApp as a NativeAOT binary, for linux-x64 and cross-compiled for linux-arm64 (run under
/// qemu-aarch64): both publish with zero trim/AOT warnings and classify the held-out digits exactly as the
/// reference interpreter does — the same correct count and the same checksum of every prediction.
/// </summary>
[Trait("Category", "NativeAot")]
public sealed class NativeAotMnistAppTests
{
    /// <summary>What the arm64 cross-publish needs: clang targets aarch64 and links with the cross binutils
    /// against the cross C library; also listed in .ci/apt-packages.</summary>
    public const string CrossPackages = "clang lld gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu libc6-dev-arm64-cross";

    private const string App = "examples/MnistApp/MnistApp.csproj";

    private static readonly Lazy<(int Correct, long Checksum)> Expected = new(() =>
    {
        var interpreter = ReferenceInterpreter.Load(RepositoryPaths.Combine("examples/MnistApp/models/mnist_w2a2.lbq"));
        var test = BundledMnist.Split().Test;
        var correct = 0;
        long sum = 0;
        for (var i = 0; i < test.Count; i++)
        {
            var predicted = interpreter.Classify(test.GetImage(i));
            correct += predicted == test.GetLabel(i) ? 1 : 0;
            sum += predicted;
        }

        // The app's checksum sums the predicted classes over its five timed passes.
        return (correct, 5 * sum);
    });

    private readonly ITestOutputHelper _log;

    public NativeAotMnistAppTests(ITestOutputHelper log) => _log = log;

    [Fact]
    public void The_linux_x64_native_app_classifies_as_the_interpreter()
    {
        using var temp = new TemporaryDirectory();
        var binary = Publish("linux-x64", temp, NativeAotTests.AptPackages);

        AssertClassifiesAsTheInterpreter(ChildProcess.Run(binary, Array.Empty<string>(), timeoutSeconds: 120), "linux-x64");
    }

    [Fact]
    [Trait("Category", "Arm64")]
    public void The_linux_arm64_native_app_classifies_as_the_interpreter_under_qemu()
    {
        var qemu = ChildProcess.FindOnPath("qemu-aarch64");
        Assert.True(qemu is not null, $"qemu-aarch64 is not installed; the ARM suite needs: {Arm64RunnerFixture.RequiredPackages}. .ci/run installs them.");
        Assert.True(ChildProcess.FindOnPath("clang") is not null && File.Exists("/usr/aarch64-linux-gnu/lib/crt1.o"), $"The arm64 NativeAOT cross toolchain is missing; install: apt-get install -y {CrossPackages} (.ci/run installs them).");
        using var temp = new TemporaryDirectory();
        var binary = Publish("linux-arm64", temp, CrossPackages);

        AssertClassifiesAsTheInterpreter(ChildProcess.Run(qemu!, new[] { "-cpu", "max", binary }, timeoutSeconds: 600), "linux-arm64 under qemu");
    }

    /// <summary>Publishes the app with PublishAot for a runtime; asserts zero warnings; returns the binary.</summary>
    private string Publish(string rid, TemporaryDirectory temp, string packages)
    {
        var output = temp.File("native");
        // --artifacts-path keeps these builds out of the repository's bin/obj, which other builds may be using.
        // x64 NativeAOT needs the instruction set named (LBQ1001); arm64 checks the dot product at run time.
        var instructionSet = rid.EndsWith("-x64", StringComparison.Ordinal) ? new[] { "-p:IlcInstructionSet=x86-64-v3" } : Array.Empty<string>();
        var publish = DotnetCli.Run(RepositoryPaths.Root, new[]
        {
            "publish", App, "-c", "Release", "-r", rid, "-p:PublishAot=true", "-o", output, "--artifacts-path", temp.File("artifacts"),
        }.Concat(instructionSet));
        Assert.True(publish.ExitCode == 0, $"dotnet publish -r {rid} -p:PublishAot=true failed (needs: apt-get install -y {packages}):\n{publish.Output}");
        var warnings = DotnetCli.WarningLines(publish.Output);
        Assert.True(warnings.Count == 0, $"The {rid} NativeAOT publish reported {warnings.Count} warning lines:\n{string.Join("\n", warnings)}");
        var binary = Path.Combine(output, "MnistApp");
        Assert.True(File.Exists(binary), $"No native binary at {binary}:\n{publish.Output}");
        Assert.False(File.Exists(Path.Combine(output, "MnistApp.dll")), "The publish produced a managed assembly, not a native binary.");
        _log.WriteLine($"{rid} native binary: {new FileInfo(binary).Length:N0} bytes");
        return binary;
    }

    private void AssertClassifiesAsTheInterpreter(ChildProcess.Result run, string what)
    {
        _log.WriteLine($"{what}:\n{run.Output}");
        Assert.True(run.ExitCode == 0, $"The {what} app failed:\n{run.Output}");
        var correct = Regex.Match(run.Output, @"\((\d+) correct\)");
        var checksum = Regex.Match(run.Output, @"class checksum (\d+)");
        Assert.True(correct.Success && checksum.Success, $"no accuracy or checksum line in:\n{run.Output}");
        Assert.Equal(Expected.Value.Correct, int.Parse(correct.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Expected.Value.Checksum, long.Parse(checksum.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
