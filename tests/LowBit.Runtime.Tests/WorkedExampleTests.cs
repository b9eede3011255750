using System;
using System.IO;
using LowBit.Manifest;
using LowBit.TestModels;

namespace LowBit.Runtime.Tests;

/// <summary>The interpreter reproduces, number for number, the hand computation in docs/integer-contract.md.</summary>
public sealed class WorkedExampleTests
{
    [Fact]
    public void Weights_pack_to_the_bytes_the_document_shows()
    {
        var manifest = WorkedExample.Build();

        Assert.Equal(WorkedExample.HiddenWeightBytes, ((LinearLayer)manifest.Layers[0]).Weights.Data.ToArray());
        Assert.Equal(WorkedExample.LogitWeightBytes, ((LinearLayer)manifest.Layers[1]).Weights.Data.ToArray());
    }

    [Fact]
    public void Interpreter_reproduces_every_intermediate_number()
    {
        var interpreter = new ReferenceInterpreter(WorkedExample.Build());
        var output = new float[2];

        interpreter.Predict(WorkedExample.Input, output);

        Assert.Equal(WorkedExample.InputLevels, interpreter.InputLevels.ToArray());
        Assert.Equal(WorkedExample.HiddenLevels, interpreter.LayerOutput("hidden").ToArray());
        Assert.Equal(WorkedExample.LogitAccumulators, interpreter.LayerOutput("logits").ToArray());
        Assert.Equal(WorkedExample.Output, output);
    }

    [Fact]
    public void Hidden_accumulators_are_what_the_document_sums_by_hand()
    {
        // The interpreter keeps only levels for hidden layers, so recompute Σ w·a from the documented levels.
        var accumulators = new int[3];
        for (int o = 0; o < 3; o++)
        {
            for (int i = 0; i < 4; i++)
            {
                accumulators[o] += WorkedExample.HiddenWeights[o * 4 + i] * WorkedExample.InputLevels[i];
            }
        }

        Assert.Equal(WorkedExample.HiddenAccumulators, accumulators);
    }

    [Fact]
    public void Committed_example_file_is_the_writer_output_of_this_model()
    {
        var path = Path.Combine(RepositoryPaths.Root, "examples", "models", "worked_example.lbq");
        var expected = ManifestWriter.ToJson(WorkedExample.Build());
        if (Environment.GetEnvironmentVariable("LOWBIT_ACCEPT") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with LOWBIT_ACCEPT=1 to write it.");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void Committed_example_file_runs_to_the_documented_output()
    {
        var interpreter = ReferenceInterpreter.Load(Path.Combine(RepositoryPaths.Root, "examples", "models", "worked_example.lbq"));
        var output = new float[2];

        interpreter.Predict(WorkedExample.Input, output);

        Assert.Equal(WorkedExample.Output, output);
    }
}
