using System;
using System.IO;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Benchmarks;

/// <summary>
/// The generator-scale experiment (docs/performance.md, "Generator scale"): a ResNet-18-sized model at
/// W4A4 and a throwaway console project that compiles it with the real generator, exactly as
/// tests/LowBit.BitExact consumes it. <c>--write-resnet18 &lt;dir&gt;</c> writes both; nothing of it belongs
/// in the repository.
/// </summary>
public static class ResNet18Scale
{
    public const string ModelName = "resnet18_w4a4";

    /// <summary>
    /// ResNet-18's topology on 3×224×224 with 4-bit signed weights and 4-bit activations: stem conv 7×7/2 64 →
    /// maxpool 3×3/2 → four stages of two basic blocks (64, 128, 256, 512 channels) → global average pool →
    /// linear 1000. The model builder's residual needs a shape-preserving block, so a stage's first block is
    /// conv 3×3/2 (channels up) followed by a residual around the second 3×3 conv instead of ResNet's 1×1
    /// projection shortcut: the same convs and MACs, minus the three 1×1 projections (172 k weights).
    /// </summary>
    public static ModelManifest Build()
    {
        const int bits = 4;
        var weights = WeightSpec.Signed(bits);
        var builder = new ModelBuilder(seed: 18, ModelName)
            .Input(3, 224, 224, bits: 8)
            .Conv2d(64, 7, stride: 2, padding: 3, weights: weights, activationBits: bits)
            .MaxPool2d(3, stride: 2, padding: 1);
        int channels = 64;
        foreach (int stageChannels in new[] { 64, 128, 256, 512 })
        {
            if (stageChannels == channels)
            {
                builder = builder.Residual(b => b.Conv2d(channels, 3, padding: 1, weights: weights, activationBits: bits).Conv2d(channels, 3, padding: 1, weights: weights, activationBits: bits), activationBits: bits);
            }
            else
            {
                int c = stageChannels;
                builder = builder
                    .Conv2d(c, 3, stride: 2, padding: 1, weights: weights, activationBits: bits)
                    .Residual(b => b.Conv2d(c, 3, padding: 1, weights: weights, activationBits: bits), activationBits: bits);
                channels = c;
            }

            builder = builder.Residual(b => b.Conv2d(channels, 3, padding: 1, weights: weights, activationBits: bits).Conv2d(channels, 3, padding: 1, weights: weights, activationBits: bits), activationBits: bits);
        }

        return builder
            .GlobalAvgPool()
            .Flatten()
            .Linear(1000, weights, bits)
            .Build();
    }

    /// <summary>Writes &lt;dir&gt;/Models/resnet18_w4a4.lbq, a console project that compiles it, and its Program.cs.</summary>
    public static void Write(string directory, string repositoryRoot)
    {
        directory = Path.GetFullPath(directory);
        var models = Path.Combine(directory, "Models");
        Directory.CreateDirectory(models);
        var manifest = Build();
        var modelPath = Path.Combine(models, ModelName + ".lbq");
        ManifestWriter.WriteFile(manifest, modelPath);
        var summary = ModelSummary.Create(manifest);
        Console.WriteLine($"{modelPath}: {manifest.Layers.Count} layers, {BenchmarkModels.Count(summary.Parameters)} weights, {BenchmarkModels.Count(summary.Macs)} MACs, {BenchmarkModels.Count(new FileInfo(modelPath).Length)} bytes");

        string generator = Path.Combine(repositoryRoot, "generators", "LowBit.Generators");
        string runtime = Path.Combine(repositoryRoot, "src", "LowBit.Runtime", "LowBit.Runtime.csproj");
        File.WriteAllText(Path.Combine(directory, "ResNet18Scale.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- Throwaway: written by the write-resnet18 mode of LowBit.Benchmarks. Consumes the generator like tests/LowBit.BitExact. -->
              <Import Project="{generator}/build/LowBit.Generators.props" />
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <InvariantGlobalization>true</InvariantGlobalization>
                <!-- Keep the generated source on disk so its size can be measured. -->
                <EmitCompilerGeneratedFiles>true</EmitCompilerGeneratedFiles>
              </PropertyGroup>
              <ItemGroup>
                <LowBitModel Include="Models/*.lbq" Namespace="ResNet18Scale" />
                <None Include="Models/*.lbq" CopyToOutputDirectory="PreserveNewest" />
              </ItemGroup>
              <ItemGroup>
                <ProjectReference Include="{generator}/LowBit.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{runtime}" />
              </ItemGroup>
              <Import Project="{generator}/build/LowBit.Generators.targets" />
            </Project>

            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), ProgramSource);
        Console.WriteLine($"Wrote {directory}/ResNet18Scale.csproj and Program.cs. Then:");
        Console.WriteLine($"  cd {directory} && /usr/bin/time -v dotnet build -c Release && dotnet bin/Release/net10.0/ResNet18Scale.dll");
    }

    /// <summary>Runs the compiled model and the interpreter on the same inputs: bit-exactness, latency, allocation.</summary>
    private const string ProgramSource = """
        using System;
        using System.Diagnostics;
        using System.IO;
        using LowBit.Manifest;
        using LowBit.Runtime;

        // Usage: ResNet18Scale [timed generated runs, default 20] [interpreter runs, default 2]
        int runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
        int interpreterRuns = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2;
        var manifest = ManifestReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Models", "resnet18_w4a4.lbq"));
        var interpreter = new ReferenceInterpreter(manifest);
        var model = new ResNet18Scale.Resnet18W4a4();
        var input = new float[ResNet18Scale.Resnet18W4a4.InputLength];
        var expected = new float[ResNet18Scale.Resnet18W4a4.OutputLength];
        var actual = new float[ResNet18Scale.Resnet18W4a4.OutputLength];
        var random = new Random(224);
        int mismatches = 0;
        for (int sample = 0; sample < 3; sample++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (float)random.NextDouble();
            }

            model.Predict(input, actual);
            var watch = Stopwatch.StartNew();
            interpreter.Predict(input, expected);
            Console.WriteLine($"sample {sample}: interpreter {watch.Elapsed.TotalMilliseconds:F1} ms");
            for (int i = 0; i < actual.Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(expected[i]))
                {
                    if (mismatches++ < 5)
                    {
                        Console.WriteLine($"MISMATCH sample {sample} output {i}: generated {actual[i]:R}, reference {expected[i]:R}");
                    }
                }
            }
        }

        Console.WriteLine(mismatches == 0 ? $"bit-exact: 3 samples × {actual.Length} outputs identical" : $"NOT bit-exact: {mismatches} outputs differ");

        for (int i = 0; i < 3; i++)
        {
            model.Predict(input, actual);
        }

        // Stopwatch.GetTimestamp, not StartNew: a Stopwatch instance would count as an allocation.
        var times = new double[runs];
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int r = 0; r < runs; r++)
        {
            long start = Stopwatch.GetTimestamp();
            model.Predict(input, actual);
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Array.Sort(times);
        Console.WriteLine($"generated Predict: median {times[runs / 2]:F2} ms, min {times[0]:F2} ms over {runs} runs; allocated {allocated} bytes");

        var interpreterTimes = new double[interpreterRuns];
        for (int r = 0; r < interpreterRuns; r++)
        {
            var watch = Stopwatch.StartNew();
            interpreter.Predict(input, expected);
            interpreterTimes[r] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(interpreterTimes);
        Console.WriteLine($"interpreter Predict: median {interpreterTimes[interpreterRuns / 2]:F1} ms, min {interpreterTimes[0]:F1} ms over {interpreterRuns} runs");
        return mismatches == 0 && allocated == 0 ? 0 : 1;

        """;
}
