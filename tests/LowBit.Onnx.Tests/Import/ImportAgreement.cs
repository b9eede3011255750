using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Import;
using Xunit.Abstractions;

namespace LowBit.Onnx.Tests.Import;

/// <summary>An imported model and its source graph on the bundled MNIST test digits, through <see cref="ImportCheck"/>.</summary>
internal static class ImportAgreement
{
    public static CheckReport OnMnist(SourceGraph graph, ModelManifest manifest)
    {
        var mnist = ThirdPartyModels.Mnist;
        return ImportCheck.Compare(graph, manifest, mnist.Pixels.ToArray(), mnist.Count, mnist.Labels.ToArray());
    }

    /// <summary>The same, with the import's log and the agreement written to the test's output.</summary>
    public static CheckReport OnMnist(SourceGraph graph, ImportResult result, ITestOutputHelper output)
    {
        foreach (var line in result.Log.Concat(result.InputDifferences))
        {
            output.WriteLine(line);
        }

        var agreement = OnMnist(graph, result.Manifest);
        output.WriteLine(agreement.ToString());
        return agreement;
    }

    public static double ImportedAccuracy(this CheckReport report) => 100.0 * report.ImportedCorrect!.Value / report.Count;

    public static double GraphAccuracy(this CheckReport report) => 100.0 * report.GraphCorrect!.Value / report.Count;
}
