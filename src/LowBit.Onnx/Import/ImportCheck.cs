using System;
using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Evaluation;
using LowBit.Runtime;

namespace LowBit.Onnx.Import;

/// <summary>
/// The independent check of an import: the manifest (run by the reference interpreter) against the float
/// evaluation of the source graph on the same inputs: how often their classes (argmax, first on ties)
/// agree, the largest score difference, and accuracy when labels are given.
/// </summary>
public static class ImportCheck
{
    /// <summary>Input values per evaluated batch: all 1,000 MNIST-sized samples at once, a few 200×200 images (whose intermediate maps are 13 times larger) at a time.</summary>
    private const int BatchInputValues = 1 << 20;

    public static CheckReport Compare(SourceGraph graph, ModelManifest manifest, float[] samples, int count, byte[]? labels = null)
    {
        int length = manifest.Input.Shape.Length;
        if (samples.Length != (long)count * length)
        {
            throw new ArgumentException($"Expected {count} samples of {length} values, found {samples.Length} values.", nameof(samples));
        }

        var scores = GraphScores(graph, samples, count);
        int classes = scores.Length / count;
        var interpreter = new ReferenceInterpreter(manifest);
        // A graph ending in TopK(k = 1) / ArgMax outputs the class itself; the manifest its scores.
        bool graphGivesClass = classes == 1 && interpreter.OutputLength > 1;
        if (interpreter.OutputLength != classes && !graphGivesClass)
        {
            throw new OnnxImportException($"{graph.File}: the graph outputs {classes} values per sample, the manifest {interpreter.OutputLength}.");
        }

        var output = new float[interpreter.OutputLength];
        int agreeing = 0, importedCorrect = 0, graphCorrect = 0;
        double maxDifference = 0, squaredDifference = 0, squaredScore = 0;
        for (int i = 0; i < count; i++)
        {
            interpreter.Predict(samples.AsSpan(i * length, length), output);
            var reference = scores.AsSpan(i * classes, classes);
            int imported = ReferenceInterpreter.ArgMax(output);
            int expected = graphGivesClass ? (int)reference[0] : ReferenceInterpreter.ArgMax(reference);
            agreeing += imported == expected ? 1 : 0;
            for (int c = 0; c < classes && !graphGivesClass; c++)
            {
                double difference = output[c] - reference[c];
                maxDifference = Math.Max(maxDifference, Math.Abs(difference));
                squaredDifference += difference * difference;
                squaredScore += (double)reference[c] * reference[c];
            }

            if (labels is not null)
            {
                importedCorrect += imported == labels[i] ? 1 : 0;
                graphCorrect += expected == labels[i] ? 1 : 0;
            }
        }

        double values = graphGivesClass ? 1 : (double)count * classes;
        return new CheckReport(count, agreeing, maxDifference, labels is null ? null : importedCorrect, labels is null ? null : graphCorrect)
        {
            RmsScoreDifference = Math.Sqrt(squaredDifference / values),
            ScoreRms = Math.Sqrt(squaredScore / values),
        };
    }

    /// <summary>Uniform random inputs covering the input quantizer's whole range and a level beyond each end.</summary>
    public static float[] RandomInputs(ModelManifest manifest, int count, int seed)
    {
        var levels = manifest.Input.Levels;
        float low = (levels.Min - levels.ZeroPoint - 1) * levels.Scale;
        float high = (levels.Max - levels.ZeroPoint + 1) * levels.Scale;
        var random = new Random(seed);
        return Enumerable.Range(0, count * manifest.Input.Shape.Length).Select(_ => low + ((float)random.NextDouble() * (high - low))).ToArray();
    }

    /// <summary>
    /// The graph's scores per sample: in batches of about <see cref="BatchInputValues"/> input values when the graph
    /// takes any batch size, else one sample at a time (FINN's streamlined graphs reshape to a fixed batch of 1).
    /// </summary>
    private static float[] GraphScores(SourceGraph graph, float[] samples, int count)
    {
        int batch = Math.Max(1, BatchInputValues / Math.Max(1, samples.Length / count));
        return Enumerable.Range(0, (count + batch - 1) / batch)
            .SelectMany(b => BatchScores(graph, samples, count, b * batch, Math.Min(batch, count - (b * batch))))
            .ToArray();
    }

    private static float[] BatchScores(SourceGraph graph, float[] samples, int total, int start, int count)
    {
        var evaluator = new FloatEvaluator(graph);
        var sampleShape = graph.Inputs[0].Shape.Skip(1).ToArray();
        int length = samples.Length / total;
        OnnxTensor Batch(int first, int n) =>
            new(new[] { n }.Concat(sampleShape).ToArray(), samples.AsSpan(first * length, n * length).ToArray().Select(v => (double)v).ToArray());
        try
        {
            return evaluator.Evaluate(Batch(start, count)).Values.Select(v => (float)v).ToArray();
        }
        catch (OnnxImportException) when (count > 1)
        {
            return Enumerable.Range(start, count).SelectMany(i => evaluator.Evaluate(Batch(i, 1)).Values.Select(v => (float)v)).ToArray();
        }
    }
}

/// <summary>How an imported model compares with its source graph.</summary>
public sealed record CheckReport(int Count, int Agreeing, double MaxScoreDifference, int? ImportedCorrect, int? GraphCorrect)
{
    /// <summary>Root mean square of the score differences over every output value.</summary>
    public double RmsScoreDifference { get; init; }

    /// <summary>Root mean square of the graph's scores: the yardstick for <see cref="RmsScoreDifference"/>.</summary>
    public double ScoreRms { get; init; }

    public double AgreementPercent => 100.0 * Agreeing / Count;

    public override string ToString() =>
        $"classes agree on {Agreeing}/{Count} ({AgreementPercent:F2} %), largest score difference {MaxScoreDifference:G3}"
        + (ImportedCorrect is { } imported ? $"; accuracy: imported {100.0 * imported / Count:F2} %, graph {100.0 * GraphCorrect!.Value / Count:F2} %" : string.Empty);
}
