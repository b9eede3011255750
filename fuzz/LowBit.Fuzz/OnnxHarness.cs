using LowBit.Onnx.Import;

namespace LowBit.Fuzz;

/// <summary>
/// The ONNX reader's and importer's contract, as <c>lowbit import</c> calls them: any bytes either import
/// as a manifest or throw <see cref="OnnxImportException"/>.
/// </summary>
internal static class OnnxHarness
{
    public static void Run(byte[] input)
    {
        try
        {
            var graph = SourceGraph.Parse(input, "fuzz.onnx");
            OnnxImporter.Import(graph, new ImportOptions("fuzz"));
        }
        catch (OnnxImportException)
        {
        }
    }
}
