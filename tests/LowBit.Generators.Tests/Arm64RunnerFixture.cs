using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LowBit.TestModels;

namespace LowBit.Generators.Tests;

/// <summary>
/// Publishes the bit-exact runner once for linux-arm64 (self-contained, into a temp folder with its own
/// artifacts path so it never races the x64 build), for every ARM test to run under qemu-aarch64.
/// </summary>
public sealed class Arm64RunnerFixture : IDisposable
{
    /// <summary>What a Debian machine needs to run linux-arm64 .NET under emulation (multiarch libraries, no cross sysroot).</summary>
    public const string RequiredPackages = "qemu-user libc6:arm64 libstdc++6:arm64 libssl3:arm64 (after dpkg --add-architecture arm64)";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "lowbit-arm64-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<string> _runner;

    public Arm64RunnerFixture()
    {
        _runner = new Lazy<string>(Publish);
    }

    public string Qemu { get; } = ChildProcess.FindOnPath("qemu-aarch64") ?? string.Empty;

    /// <summary>The published runner executable; publishing happens on first use.</summary>
    public string Runner => _runner.Value;

    internal ChildProcess.Result Run(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var variables = new Dictionary<string, string>(environment) { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1" };
        return ChildProcess.Run(Qemu, new[] { "-cpu", "max", Runner }.Concat(arguments), variables, timeoutSeconds: 900);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the run.
        }
    }

    private string Publish()
    {
        var output = Path.Combine(_root, "publish");
        var result = DotnetCli.Run(
            RepositoryPaths.Root,
            new[]
            {
                "publish", Path.Combine("tests", "LowBit.BitExact", "LowBit.BitExact.csproj"),
                "-c", "Release", "-r", "linux-arm64", "--self-contained",
                "-p:InvariantGlobalization=true",
                "--artifacts-path", Path.Combine(_root, "artifacts"),
                "-o", output,
            });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Publishing the bit-exact runner for linux-arm64 failed:\n{result.Output}");
        }

        return Path.Combine(output, "LowBit.BitExact");
    }
}
