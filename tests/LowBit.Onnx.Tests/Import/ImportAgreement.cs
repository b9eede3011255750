using LowBit.Manifest;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Tests.Import;

/// <summary>An imported model and its source graph on the bundled MNIST test digits, through <see cref="ImportCheck"/>.</summary>
internal static class ImportAgreement
{
    public static CheckReport OnMnist(SourceGraph graph, ModelManifest manifest)
    {
        var mnist = ThirdPartyModels.Mnist;
        return ImportCheck.Compare(graph, manifest, mnist.Pixels.ToArray(), mnist.Count, mnist.Labels.ToArray());
    }

    public static double ImportedAccuracy(this CheckReport report) => 100.0 * report.ImportedCorrect!.Value / report.Count;

    public static double GraphAccuracy(this CheckReport report) => 100.0 * report.GraphCorrect!.Value / report.Count;
}
