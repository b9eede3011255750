using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using LowBit.Runtime;
using LowBit.TestModels;
using Xunit.Abstractions;

namespace LowBit.Generators.Tests;

/// <summary>
/// The generator as users get it from NuGet: pack it, check the package layout, then build and run a
/// fresh app outside the repository that knows nothing but that package (its only package source is the
/// folder it was packed into, and its package cache is empty), so a broken package cannot hide behind
/// the repository's build files, a ProjectReference or a cached copy.
/// </summary>
[Trait("Category", "Package")]
public sealed class PackageTests
{
    private readonly ITestOutputHelper _log;

    public PackageTests(ITestOutputHelper log) => _log = log;

    [Fact]
    public void Packed_generator_compiles_a_model_in_a_fresh_app()
    {
        using var temp = new TemporaryDirectory();
        var feed = Directory.CreateDirectory(temp.File("feed")).FullName;
        var clock = Stopwatch.StartNew();

        // The README's pack command; --artifacts-path keeps this build out of the repository's bin/obj,
        // which other builds may be using.
        var pack = DotnetCli.Run(RepositoryPaths.Root, new[]
        {
            "pack", Path.Combine("generators", "LowBit.Generators", "LowBit.Generators.csproj"),
            "-c", "Release", "-o", feed, "--artifacts-path", temp.File("artifacts"),
        });
        Assert.True(pack.ExitCode == 0, $"dotnet pack failed:\n{pack.Output}");
        Assert.Empty(DotnetCli.WarningLines(pack.Output));
        _log.WriteLine($"pack: {clock.Elapsed.TotalSeconds:F1} s");

        var package = Assert.Single(Directory.GetFiles(feed, "*.nupkg"));
        var version = Regex.Match(Path.GetFileName(package), @"^LowBit\.Generators\.(?<version>\d.*)\.nupkg$").Groups["version"].Value;
        Assert.False(string.IsNullOrEmpty(version), $"Unexpected package name {Path.GetFileName(package)}.");
        AssertPackageLayout(package);

        var app = Directory.CreateDirectory(temp.File("app")).FullName;
        WriteApp(app, feed, version);
        var packages = temp.File("packages");
        clock.Restart();
        var run = DotnetCli.Run(app, new[] { "run" }, new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages });
        _log.WriteLine($"restore, build and run of the app: {clock.Elapsed.TotalSeconds:F1} s");
        _log.WriteLine(run.Output);

        Assert.True(run.ExitCode == 0, $"dotnet run of the app failed:\n{run.Output}");
        Assert.Empty(DotnetCli.WarningLines(run.Output));
        Assert.Contains("InputLength=784", run.Output);
        Assert.Contains("OutputLength=10", run.Output);
        var expected = ReferenceInterpreter.Load(ExampleModel).Classify(AppInput(784));
        Assert.Contains($"Class={expected.ToString(CultureInfo.InvariantCulture)}", run.Output);

        // The app restored the package just packed, into its own empty cache, and nothing else.
        Assert.True(Directory.Exists(Path.Combine(packages, "lowbit.generators", version)), $"The app did not restore LowBit.Generators {version} from the local feed.");
        Assert.Equal(new[] { "lowbit.generators" }, Directory.GetDirectories(packages).Select(Path.GetFileName).ToArray());
    }

    private static string ExampleModel => Path.Combine(RepositoryPaths.Root, "examples", "models", "tiny_cnn_w2a2.lbq");

    /// <summary>The app's input, computed the same way as its Program.cs does.</summary>
    private static float[] AppInput(int length)
    {
        var input = new float[length];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (i * 37 % 256) / 255f;
        }

        return input;
    }

    private static void AssertPackageLayout(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        foreach (var required in new[]
        {
            "analyzers/dotnet/cs/LowBit.Generators.dll",
            "build/LowBit.Generators.props",
            "build/LowBit.Generators.targets",
            "buildTransitive/LowBit.Generators.props",
            "buildTransitive/LowBit.Generators.targets",
        })
        {
            Assert.True(entries.Contains(required), $"The package lacks {required}; it holds:\n{string.Join("\n", entries)}");
        }

        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/", StringComparison.Ordinal) && e != "analyzers/dotnet/cs/LowBit.Generators.dll");

        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var metadata = nuspec.ReadToEnd();
        Assert.DoesNotContain("<dependencies", metadata, StringComparison.Ordinal);
        Assert.Contains("<developmentDependency>true</developmentDependency>", metadata, StringComparison.Ordinal);
    }

    private static void WriteApp(string app, string feed, string version)
    {
        File.Copy(ExampleModel, Path.Combine(app, "tiny.lbq"));

        // Only the local feed: the app needs no package but the one under test.
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        // Stop MSBuild's search for Directory.*.props/targets (and central package versions) here.
        foreach (var stub in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(app, stub), "<Project />\n");
        }

        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net{Environment.Version.Major}.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LowBit.Generators" Version="{version}" PrivateAssets="all" />
                <LowBitModel Include="tiny.lbq" ClassName="Digits" Namespace="App" />
              </ItemGroup>
            </Project>
            """);

        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System;

            namespace App;

            public static class Program
            {
                public static int Main()
                {
                    var model = new Digits();
                    var input = new float[Digits.InputLength];
                    for (int i = 0; i < input.Length; i++)
                    {
                        input[i] = (i * 37 % 256) / 255f;
                    }

                    var scores = new float[Digits.OutputLength];
                    model.Predict(input, scores);
                    Console.WriteLine($"InputLength={Digits.InputLength}");
                    Console.WriteLine($"OutputLength={Digits.OutputLength}");
                    Console.WriteLine($"Class={model.Classify(input)}");
                    return 0;
                }
            }
            """);
    }
}
