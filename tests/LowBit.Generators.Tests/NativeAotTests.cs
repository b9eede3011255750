using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using LowBit.Runtime;
using LowBit.TestModels;
using Xunit.Abstractions;

namespace LowBit.Generators.Tests;

/// <summary>
/// Generated code in a NativeAOT app (examples/AotSample): it publishes with zero trim/AOT warnings, and
/// the native binary prints exactly what the JIT build prints — which is also what the reference
/// interpreter computes. The JIT takes the widest kernel path this CPU has while the native binary is
/// compiled for the x64 baseline, so on an AVX2 machine this also compares two kernel paths.
/// </summary>
[Trait("Category", "NativeAot")]
public sealed class NativeAotTests
{
    /// <summary>What NativeAOT needs to link on Debian/Ubuntu; also listed in .ci/apt-packages.</summary>
    public const string AptPackages = "gcc libc6-dev binutils";

    private const string Rid = "linux-x64";

    private readonly ITestOutputHelper _log;

    public NativeAotTests(ITestOutputHelper log) => _log = log;

    private static string Sample => Path.Combine(RepositoryPaths.Root, "examples", "AotSample", "AotSample.csproj");

    [Fact]
    public void Native_binary_publishes_without_warnings_and_prints_what_the_JIT_build_prints()
    {
        Assert.True(
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && RuntimeInformation.OSArchitecture == Architecture.X64,
            $"This test publishes and runs a {Rid} native binary; it runs on Linux x64 only (this is {RuntimeInformation.RuntimeIdentifier}).");
        AssertToolchain();

        using var temp = new TemporaryDirectory();
        var native = temp.File("native");
        var clock = Stopwatch.StartNew();

        // --artifacts-path keeps these builds out of the repository's bin/obj, which other builds may be using.
        var publish = DotnetCli.Run(RepositoryPaths.Root, new[]
        {
            "publish", Sample, "-c", "Release", "-r", Rid, "-p:PublishAot=true", "-p:IlcInstructionSet=x86-64-v3",
            "-o", native, "--artifacts-path", temp.File("artifacts"),
        });
        _log.WriteLine($"publish: {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(publish.ExitCode == 0, $"dotnet publish with PublishAot failed (NativeAOT needs: apt-get install -y {AptPackages}):\n{publish.Output}");
        var warnings = DotnetCli.WarningLines(publish.Output);
        Assert.True(warnings.Count == 0, $"The NativeAOT publish reported {warnings.Count} warning lines:\n{string.Join("\n", warnings)}");

        var binary = Path.Combine(native, "AotSample");
        Assert.True(File.Exists(binary), $"No native binary at {binary}; the publish output:\n{publish.Output}");
        _log.WriteLine($"native binary: {new FileInfo(binary).Length:N0} bytes");
        Assert.False(File.Exists(Path.Combine(native, "AotSample.dll")), "The publish produced a managed assembly, not a native binary.");

        clock.Restart();
        var nativeRun = ChildProcess.Run(binary, Array.Empty<string>(), timeoutSeconds: 60);
        _log.WriteLine($"native run: {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(nativeRun.ExitCode == 0, $"The native binary failed:\n{nativeRun.Output}");

        clock.Restart();
        var jitRun = DotnetCli.Run(RepositoryPaths.Root, new[] { "run", "--project", Sample, "--artifacts-path", temp.File("artifacts") });
        _log.WriteLine($"dotnet run (JIT): {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(jitRun.ExitCode == 0, $"dotnet run of the sample failed:\n{jitRun.Output}");

        var expected = Expected();
        _log.WriteLine($"native:\n{nativeRun.Output}\nJIT:\n{jitRun.Output}\ninterpreter:\n{expected}");
        Assert.Equal(expected, SampleLines(nativeRun.Output));
        Assert.Equal(expected, SampleLines(jitRun.Output));
    }

    /// <summary>Fails, naming the Debian packages to install, when there is nothing NativeAOT can link with.</summary>
    private static void AssertToolchain()
    {
        // The ILCompiler targets link with clang, or gcc when there is no clang, and strip symbols with objcopy.
        var compiler = ChildProcess.FindOnPath("clang", "gcc");
        var objcopy = ChildProcess.FindOnPath("llvm-objcopy", "objcopy");
        var missing = new StringBuilder();
        if (compiler is null)
        {
            missing.Append("no C compiler/linker (clang or gcc) on PATH; ");
        }
        else
        {
            // Without the C library's development files the linker finds no crt1.o.
            var crt = ChildProcess.Run(compiler, new[] { "-print-file-name=crt1.o" }, timeoutSeconds: 30).Output.Trim();
            if (!Path.IsPathRooted(crt) || !File.Exists(crt))
            {
                missing.Append($"{compiler} finds no crt1.o (C library development files); ");
            }
        }

        if (objcopy is null)
        {
            missing.Append("no objcopy on PATH; ");
        }

        Assert.True(
            missing.Length == 0,
            $"The NativeAOT toolchain is incomplete: {missing}install it with: sudo apt-get install -y {AptPackages} (they are listed in .ci/apt-packages, which .ci/run installs).");
    }

    /// <summary>The lines the sample prints, from a run's output (dotnet run may add build messages).</summary>
    private static string SampleLines(string output) =>
        string.Join("\n", output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("model: ", StringComparison.Ordinal) || l.StartsWith("classes: ", StringComparison.Ordinal) || l.StartsWith("checksum: ", StringComparison.Ordinal)));

    /// <summary>What the sample must print: its Program.cs, with the reference interpreter in place of the generated model.</summary>
    private static string Expected()
    {
        var model = ReferenceInterpreter.Load(Path.Combine(RepositoryPaths.Root, "examples", "models", "tiny_cnn_w2a2.lbq"));
        var input = new float[model.InputLength];
        var output = new float[model.OutputLength];
        var classes = new StringBuilder();
        uint state = 12345;
        ulong checksum = 14695981039346656037UL;
        for (int sample = 0; sample < 8; sample++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                state = (state * 1664525u) + 1013904223u;
                input[i] = (state >> 8) / 16777216f;
            }

            model.Predict(input, output);
            foreach (float value in output)
            {
                uint bits = BitConverter.SingleToUInt32Bits(value);
                for (int b = 0; b < 4; b++)
                {
                    checksum = (checksum ^ ((bits >> (8 * b)) & 0xFF)) * 1099511628211UL;
                }
            }

            classes.Append(classes.Length == 0 ? string.Empty : " ").Append(model.Classify(input).ToString(CultureInfo.InvariantCulture));
        }

        return string.Join("\n", new[]
        {
            $"model: {model.Manifest.Name} ({model.InputLength} inputs, {model.OutputLength} outputs)",
            $"classes: {classes}",
            $"checksum: {checksum.ToString("x16", CultureInfo.InvariantCulture)}",
        });
    }
}
