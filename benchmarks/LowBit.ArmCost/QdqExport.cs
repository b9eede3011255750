using System;
using System.IO;
using LowBit.Onnx;

namespace LowBit.ArmCost;

/// <summary>
/// The ONNX model ONNX Runtime int8 runs for a network: the QDQ export of its W8A8 manifest, the very model the
/// x64 benchmarks give ONNX Runtime (LowBit.Benchmarks/NetworkBenchmarks.cs; also <c>lowbit export --onnx --flavor qdq</c>).
/// ONNX Runtime fuses its QuantizeLinear/DequantizeLinear pairs into QLinearConv and friends.
/// </summary>
public static class QdqExport
{
    public static string Write(WorkPaths paths, string network)
    {
        Directory.CreateDirectory(paths.OnnxDirectory);
        var manifest = BenchmarkModelFiles.Read(network + "_w8a8");
        var export = OnnxExporter.Export(manifest, OnnxFlavor.Qdq);
        var path = Path.Combine(paths.OnnxDirectory, network + "_w8a8.qdq.onnx");
        File.WriteAllBytes(path, export.ToByteArray());
        if (export.Warnings.Count > 0)
        {
            Console.Error.WriteLine($"  {network}: QDQ export warnings: {string.Join("; ", export.Warnings)}");
        }

        return path;
    }
}
