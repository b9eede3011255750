using LowBit.Onnx.Import;

namespace LowBit.Fuzz;

/// <summary>
/// The ONNX reader's and importer's contract, as <c>lowbit import --check</c> calls them: any bytes either
/// import as a manifest, which the float evaluator of the graph can then be compared with, or throw
/// <see cref="OnnxImportException"/>.
/// </summary>
internal static class OnnxHarness
{
    private const int CheckSamples = 2;

    public static void Run(byte[] input)
    {
        try
        {
            var graph = SourceGraph.Parse(input, "fuzz.onnx");
            var manifest = OnnxImporter.Import(graph, new ImportOptions("fuzz")).Manifest;
            ImportCheck.Compare(graph, manifest, ImportCheck.RandomInputs(manifest, CheckSamples, seed: 17), CheckSamples);
        }
        catch (OnnxImportException)
        {
        }
    }
}
