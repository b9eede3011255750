using System.Collections.Generic;
using System.IO;
using Google.Protobuf;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx;

/// <summary>An exported ONNX model: its bytes and what the exporter could not promise about it.</summary>
public sealed class OnnxExport
{
    internal OnnxExport(ModelProto model, OnnxFlavor flavor, IReadOnlyList<string> warnings)
    {
        Model = model;
        Flavor = flavor;
        Warnings = warnings;
    }

    public OnnxFlavor Flavor { get; }

    /// <summary>Caveats, e.g. an exact export whose sums may leave the range where float is exact.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The graph's input name: a float tensor [batch, …the manifest's input shape].</summary>
    public string InputName => OnnxExporter.InputName;

    /// <summary>The graph's output name: float [batch, …the last layer's output shape].</summary>
    public string OutputName => OnnxExporter.OutputName;

    internal ModelProto Model { get; }

    public byte[] ToByteArray() => Model.ToByteArray();

    public void WriteFile(string path)
    {
        using var stream = File.Create(path);
        Model.WriteTo(stream);
    }
}
