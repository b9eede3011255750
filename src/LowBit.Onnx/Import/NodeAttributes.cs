using System.Collections.Generic;
using System.Linq;
using Google.Protobuf.Collections;
using LowBit.Onnx.Evaluation;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx.Import;

/// <summary>A node's attributes by name, with typed access that refuses a wrong type by node and attribute name.</summary>
public sealed class NodeAttributes
{
    private readonly SourceNode _node;
    private readonly string _file;
    private readonly Dictionary<string, AttributeProto> _byName = new();

    internal NodeAttributes(SourceNode node, RepeatedField<AttributeProto> attributes, string file)
    {
        _node = node;
        _file = file;
        foreach (var attribute in attributes)
        {
            _byName[attribute.Name] = attribute;
        }
    }

    public IEnumerable<string> Names => _byName.Keys;

    public bool Has(string name) => _byName.ContainsKey(name);

    public long Int(string name, long fallback) => _byName.TryGetValue(name, out var a) ? Expect(a, AttributeProto.Types.AttributeType.Int).I : fallback;

    public long? IntOrNull(string name) => _byName.TryGetValue(name, out var a) ? Expect(a, AttributeProto.Types.AttributeType.Int).I : null;

    public float Float(string name, float fallback) => _byName.TryGetValue(name, out var a) ? Expect(a, AttributeProto.Types.AttributeType.Float).F : fallback;

    public string String(string name, string fallback) => _byName.TryGetValue(name, out var a) ? Expect(a, AttributeProto.Types.AttributeType.String).S.ToStringUtf8() : fallback;

    public long[]? Ints(string name) => _byName.TryGetValue(name, out var a) ? Expect(a, AttributeProto.Types.AttributeType.Ints).Ints.ToArray() : null;

    public OnnxTensor? Tensor(string name) => _byName.TryGetValue(name, out var a)
        ? TensorDecoding.Decode(Expect(a, AttributeProto.Types.AttributeType.Tensor).T, $"{_file}: node {_node} attribute '{name}'")
        : null;

    private AttributeProto Expect(AttributeProto attribute, AttributeProto.Types.AttributeType type)
    {
        // Old exporters leave `type` unset; accept the attribute when the expected field is present.
        bool matches = attribute.Type == type || (attribute.Type == AttributeProto.Types.AttributeType.Undefined && HasField(attribute, type));
        return matches
            ? attribute
            : throw OnnxImportException.AtNode(_node, $"attribute '{attribute.Name}' is {attribute.Type}; expected {type}.");
    }

    private static bool HasField(AttributeProto a, AttributeProto.Types.AttributeType type) => type switch
    {
        AttributeProto.Types.AttributeType.Int => a.HasI,
        AttributeProto.Types.AttributeType.Float => a.HasF,
        AttributeProto.Types.AttributeType.String => a.HasS,
        AttributeProto.Types.AttributeType.Tensor => a.T is not null,
        AttributeProto.Types.AttributeType.Ints => a.Ints.Count > 0,
        _ => false,
    };
}
