using System;

namespace LowBit.Onnx.Import;

/// <summary>
/// An ONNX file the importer cannot take exactly: names the file, the node (or tensor), its op type and
/// why, in one line, so a user can find the spot in Netron and knows what would have to change.
/// </summary>
public sealed class OnnxImportException : Exception
{
    public OnnxImportException(string message)
        : base(message)
    {
    }

    public OnnxImportException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>A refusal at one node: <c>node 'n' (Quant): reason</c>.</summary>
    public static OnnxImportException AtNode(SourceNode node, string reason) =>
        new($"node '{node.Name}' ({node.OpType}): {reason}");
}
