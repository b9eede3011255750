using System;
using System.Linq;
using Google.Protobuf;
using LowBit.Onnx.Import;

namespace LowBit.Onnx.Tests.Import;

/// <summary>Edits of real graphs for tests: a node taken out, an initializer's values changed.</summary>
internal static class GraphEdits
{
    /// <summary>The graph with <paramref name="node"/> taken out: its consumers read its first input instead.</summary>
    public static SourceGraph Without(SourceGraph graph, string node)
    {
        var model = graph.Model.Clone();
        var removed = model.Graph.Node.Single(n => n.Name == node);
        model.Graph.Node.Remove(removed);
        foreach (var consumer in model.Graph.Node)
        {
            for (int i = 0; i < consumer.Input.Count; i++)
            {
                if (consumer.Input[i] == removed.Output[0])
                {
                    consumer.Input[i] = removed.Input[0];
                }
            }
        }

        return SourceGraph.Parse(model.ToByteArray(), graph.File);
    }

    /// <summary>The graph with float initializer <paramref name="name"/>'s i-th value v replaced by <paramref name="change"/>(i, v).</summary>
    public static SourceGraph WithInitializer(SourceGraph graph, string name, Func<int, float, float> change)
    {
        var model = graph.Model.Clone();
        var tensor = model.Graph.Initializer.Single(t => t.Name == name);
        var values = graph.Initializers[name].Values.Select((v, i) => change(i, (float)v)).ToArray();
        tensor.FloatData.Clear();
        tensor.RawData = ByteString.CopyFrom(values.SelectMany(BitConverter.GetBytes).ToArray());
        return SourceGraph.Parse(model.ToByteArray(), graph.File);
    }
}
