using System.Collections.Generic;
using System.Linq;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx.Import;

/// <summary>One node of the source graph, with its domain classified and its attributes readable by name.</summary>
public sealed class SourceNode
{
    internal SourceNode(NodeProto proto, int index, string file)
    {
        OpType = proto.OpType;
        Name = string.IsNullOrEmpty(proto.Name) ? $"#{index} {proto.OpType}" : proto.Name;
        Domain = OperatorDomains.Classify(proto.Domain);
        DomainName = proto.Domain;
        Inputs = proto.Input.ToArray();
        Outputs = proto.Output.ToArray();
        Attributes = new NodeAttributes(this, proto.Attribute, file);
    }

    public string OpType { get; }

    public string Name { get; }

    public OperatorDomain Domain { get; }

    public string DomainName { get; }

    /// <summary>Input value names; an empty name is an omitted optional input.</summary>
    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> Outputs { get; }

    public NodeAttributes Attributes { get; }

    public string Output => Outputs[0];

    /// <summary>True for <paramref name="opType"/> in ONNX's own domain.</summary>
    public bool Is(string opType) => Domain == OperatorDomain.Onnx && OpType == opType;

    /// <summary>True for the QONNX op <paramref name="opType"/> under any of its domain spellings.</summary>
    public bool IsQonnx(string opType) => Domain == OperatorDomain.Qonnx && OpType == opType;

    public override string ToString() => $"'{Name}' ({OpType})";
}
