using System;
using System.Linq;
using LowBit.Data;
using LowBit.Manifest;
using LowBit.Onnx.Evaluation;
using LowBit.Onnx.Import;
using LowBit.Runtime;

namespace LowBit.Onnx.Tests.Import;

/// <summary>An imported model and its source graph run on the bundled MNIST digits: accuracy of each and how often their classes agree.</summary>
internal sealed record ImportAgreement(int Count, int ImportedCorrect, int FloatCorrect, int Agreeing)
{
    public double ImportedAccuracy => 100.0 * ImportedCorrect / Count;

    public double FloatAccuracy => 100.0 * FloatCorrect / Count;

    public double AgreementPercent => 100.0 * Agreeing / Count;

    public static ImportAgreement OnMnist(SourceGraph graph, ModelManifest manifest)
    {
        var mnist = ThirdPartyModels.Mnist;
        var scores = new FloatEvaluator(graph).Evaluate(ThirdPartyModels.MnistBatch());
        int classes = scores.Length / mnist.Count;
        var interpreter = new ReferenceInterpreter(manifest);
        int importedCorrect = 0, floatCorrect = 0, agreeing = 0;
        for (int i = 0; i < mnist.Count; i++)
        {
            int imported = interpreter.Classify(mnist.GetImage(i));
            int reference = FloatEvaluatorTests.ArgMax(scores.Values, i * classes, classes);
            importedCorrect += imported == mnist.GetLabel(i) ? 1 : 0;
            floatCorrect += reference == mnist.GetLabel(i) ? 1 : 0;
            agreeing += imported == reference ? 1 : 0;
        }

        return new ImportAgreement(mnist.Count, importedCorrect, floatCorrect, agreeing);
    }

    public override string ToString() =>
        $"imported {ImportedCorrect}/{Count} = {ImportedAccuracy:F2} %, float graph {FloatCorrect}/{Count}, classes agree on {Agreeing}/{Count} = {AgreementPercent:F2} %";
}
