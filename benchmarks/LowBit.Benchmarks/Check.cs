using System;
using System.IO;
using System.Linq;
using LowBit.Manifest;
using LowBit.Runtime;

namespace LowBit.Benchmarks;

/// <summary>
/// <c>--check</c>: the committed models are what <see cref="BenchmarkModels"/> writes today, every one is
/// compiled into this assembly, generated code matches the interpreter bit for bit, Predict allocates nothing,
/// and the benchmark's peers compute the model they stand for (<see cref="PeerCheck"/>).
/// </summary>
internal static class Check
{
    public static int Run(string modelsDirectory)
    {
        int problems = 0;
        var expected = BenchmarkModels.All().ToList();
        foreach (var manifest in expected)
        {
            var path = Path.Combine(modelsDirectory, manifest.Name + ".lbq");
            if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(ManifestWriter.ToUtf8(manifest)))
            {
                Console.WriteLine($"STALE {path}: run --write-models and rebuild");
                problems++;
            }
        }

        var compiled = ModelRegistry.Names.ToList();
        foreach (var missing in expected.Select(m => m.Name).Except(compiled, StringComparer.Ordinal))
        {
            Console.WriteLine($"NOT COMPILED {missing}: rebuild after --write-models");
            problems++;
        }

        foreach (var name in compiled)
        {
            var model = ModelRegistry.Create(name);
            var interpreter = new ReferenceInterpreter(ModelRegistry.Manifest(name));
            var input = InputData.For(model.InputLength);
            try
            {
                InputData.RequireBitExact(name, model, interpreter, input);
            }
            catch (InvalidOperationException e)
            {
                Console.WriteLine("NOT BIT-EXACT " + e.Message);
                problems++;
            }

            long allocated = AllocationProbe.BytesOver(name, calls: 20);
            var summary = ModelSummary.Create(interpreter.Manifest);
            Console.WriteLine($"{name,-18} {BenchmarkModels.Count(summary.Parameters),10} weights {BenchmarkModels.Count(summary.Macs),12} MACs  bit-exact, {allocated} bytes allocated over 20 calls");
            if (allocated != 0)
            {
                problems++;
            }
        }

        problems += PeerCheck.Run();
        Console.WriteLine(problems == 0 ? $"OK: {compiled.Count} models, and the peers of {BenchmarkCatalog.NetworkNames.Count()} networks" : $"{problems} problems");
        return problems == 0 ? 0 : 1;
    }
}
