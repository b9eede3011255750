using System;
using LowBit.Manifest;

namespace LowBit.Runtime.Tests;

public sealed class ReferenceInterpreterTests
{
    [Fact]
    public void Wrong_input_length_names_the_expected_length()
    {
        var interpreter = new ReferenceInterpreter(WorkedExample.Build());

        var error = Assert.Throws<ArgumentException>(() => interpreter.Predict(new float[5], new float[2]));

        Assert.Contains("length 4", error.Message);
        Assert.Equal("input", error.ParamName);
    }

    [Fact]
    public void Wrong_output_length_names_the_expected_length()
    {
        var interpreter = new ReferenceInterpreter(WorkedExample.Build());

        var error = Assert.Throws<ArgumentException>(() => interpreter.Predict(new float[4], new float[3]));

        Assert.Contains("length 2", error.Message);
        Assert.Equal("output", error.ParamName);
    }

    [Fact]
    public void Invalid_model_is_refused_with_the_field_path()
    {
        var valid = WorkedExample.Build();
        var broken = new ModelManifest(valid.Name, valid.Producer, new InputSpec(TensorShape.Vector(5), valid.Input.Levels), valid.Layers);

        var error = Assert.Throws<ManifestException>(() => new ReferenceInterpreter(broken));

        Assert.Equal("$.layers[0].inFeatures", error.First.JsonPath);
    }

    [Fact]
    public void Classify_returns_the_index_of_the_largest_output()
    {
        var interpreter = new ReferenceInterpreter(WorkedExample.Build());

        Assert.Equal(0, interpreter.Classify(WorkedExample.Input));
    }

    [Fact]
    public void Unknown_layer_id_is_an_argument_error()
    {
        var interpreter = new ReferenceInterpreter(WorkedExample.Build());

        Assert.Throws<ArgumentException>(() => interpreter.LayerOutput("nope").Length);
    }

    [Fact]
    public void Predict_allocates_nothing_after_construction()
    {
        var interpreter = new ReferenceInterpreter(WorkedExample.Build());
        var output = new float[2];
        interpreter.Predict(WorkedExample.Input, output);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            interpreter.Predict(WorkedExample.Input, output);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
