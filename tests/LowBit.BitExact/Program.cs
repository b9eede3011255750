using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LowBit.BitExact;
using LowBit.Generated;
using LowBit.Manifest;
using LowBit.Runtime;

// Usage: LowBit.BitExact [samples per model, default 24] | [...] --allocations
Console.WriteLine(IsaReport.Describe());
if (args.Contains("--allocations"))
{
    return AllocationCheck.Run(LowBitModels.CreateAll());
}

int samples = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 24;

var manifests = new[] { "Models", "TrainedModels", "ImportedModels" }
    .SelectMany(directory => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, directory), "*.lbq"))
    .Select(path => ManifestReader.ReadFile(path))
    .ToDictionary(m => m.Name, StringComparer.Ordinal);
var models = LowBitModels.CreateAll();
var failures = new List<string>();
long compared = 0;
foreach (var model in models)
{
    var manifest = manifests[model.Name];
    var reference = new ReferenceInterpreter(manifest);
    var sampler = new InputSampler(manifest.Input.Levels, seed: model.Name.Length * 7919);
    var input = new float[model.InputLength];
    var expected = new float[model.OutputLength];
    var actual = new float[model.OutputLength];
    for (int s = 0; s < samples; s++)
    {
        sampler.Fill(input, s);
        reference.Predict(input, expected);
        model.Predict(input, actual);
        compared += actual.Length;
        int index = FirstDifference(expected, actual);
        if (index >= 0)
        {
            failures.Add($"{model.Name}: sample {s}, output {index}: generated {actual[index]:R} (0x{BitConverter.SingleToInt32Bits(actual[index]):X8}), reference {expected[index]:R} (0x{BitConverter.SingleToInt32Bits(expected[index]):X8})");
            break;
        }
    }
}

// The batched Predict must give every sample exactly what the reference gives it alone.
const int BatchSize = 3;
foreach (var model in models)
{
    var manifest = manifests[model.Name];
    var reference = new ReferenceInterpreter(manifest);
    var sampler = new InputSampler(manifest.Input.Levels, seed: model.Name.Length * 7919);
    var inputs = new float[model.InputLength * BatchSize];
    var expected = new float[model.OutputLength * BatchSize];
    var actual = new float[model.OutputLength * BatchSize];
    for (int s = 0; s < BatchSize; s++)
    {
        sampler.Fill(inputs.AsSpan(s * model.InputLength, model.InputLength), s);
        reference.Predict(inputs.AsSpan(s * model.InputLength, model.InputLength), expected.AsSpan(s * model.OutputLength, model.OutputLength));
    }

    model.Predict(inputs, actual, BatchSize);
    int index = FirstDifference(expected, actual);
    if (index >= 0)
    {
        failures.Add($"{model.Name}: batch of {BatchSize}, output {index}: generated {actual[index]:R}, reference {expected[index]:R}");
    }
}

// NaN has no quantized level: both sides refuse it, naming the same index.
foreach (var model in models)
{
    failures.AddRange(NaNCheck.Run(model, manifests[model.Name]));
}

foreach (var failure in failures.Take(50))
{
    Console.WriteLine("MISMATCH " + failure);
}

Console.WriteLine($"{models.Length} models, {samples} samples each, {compared} outputs compared: {failures.Count} models differ from the reference interpreter");
return failures.Count == 0 ? 0 : 1;

static int FirstDifference(float[] expected, float[] actual)
{
    for (int i = 0; i < expected.Length; i++)
    {
        if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
        {
            return i;
        }
    }

    return -1;
}
