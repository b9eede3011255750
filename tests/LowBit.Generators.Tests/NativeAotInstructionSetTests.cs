using System;
using System.Collections.Generic;
using System.IO;
using LowBit.TestModels;

namespace LowBit.Generators.Tests;

/// <summary>
/// The generator's build targets tell an x64 NativeAOT publish that names no instruction set that the model
/// kernels would be compiled for the baseline (LBQ1001, with the property to set), and stay quiet when the
/// publish names one, when the user keeps the baseline on purpose, and for arm64 (which checks the dot product
/// at run time). Runs only the check target, so no native compile is needed.
/// </summary>
public sealed class NativeAotInstructionSetTests
{
    private static readonly string Sample = Path.Combine(RepositoryPaths.Root, "examples", "AotSample", "AotSample.csproj");

    [Theory]
    [InlineData("linux-x64", "", true)]
    [InlineData("win-x64", "", true)]
    [InlineData("linux-x64", "-p:IlcInstructionSet=x86-64-v3", false)]
    [InlineData("linux-x64", "-p:LowBitAllowBaselineInstructionSet=true", false)]
    [InlineData("linux-arm64", "", false)]
    public void X64_publishes_without_an_instruction_set_are_warned(string rid, string property, bool warned)
    {
        var arguments = new List<string> { "msbuild", Sample, "-t:LowBitCheckNativeAotInstructionSet", "-p:PublishAot=true", $"-p:RuntimeIdentifier={rid}", "-nologo" };
        if (property.Length > 0)
        {
            arguments.Add(property);
        }

        var run = DotnetCli.Run(RepositoryPaths.Root, arguments);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(warned, run.Output.Contains("warning LBQ1001", StringComparison.Ordinal));
        if (warned)
        {
            Assert.Contains("-p:IlcInstructionSet=x86-64-v3", run.Output, StringComparison.Ordinal);
        }
    }
}
