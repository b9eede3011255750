using System;
using System.Collections.Generic;
using LowBit.Manifest;
using LowBit.Onnx.Proto;

namespace LowBit.Onnx;

/// <summary>Writes a quantized-model manifest as an ONNX model (opset 17) in one of three <see cref="OnnxFlavor"/>s.</summary>
public static class OnnxExporter
{
    public const string InputName = "input";
    public const string OutputName = "output";

    /// <summary>Opset 17 has every operator used here with axes as inputs, and every ONNX Runtime since 1.13 runs it.</summary>
    public const int Opset = 17;

    private const int IrVersion = 8;

    public static OnnxExport Export(ModelManifest manifest, OnnxFlavor flavor)
    {
        if (manifest is null)
        {
            throw new ArgumentNullException(nameof(manifest));
        }

        var graph = new OnnxGraph(manifest.Name, InputName, OutputName);
        graph.Input(InputName, manifest.Input.Shape.ToArray());
        var warnings = new List<string>();
        string last = flavor switch
        {
            OnnxFlavor.Exact => LowerExact(manifest, new ExactLowering(graph, warnings)),
            OnnxFlavor.Qcdq => LowerLevelGrid(manifest, new LevelGridLowering(graph)),
            _ => LowerDequantized(manifest, new DequantizedLowering(graph, flavor == OnnxFlavor.Qdq)),
        };
        // The output's name is reserved, so no layer id can take it; an Identity gives it to the last value.
        graph.NamedNode("Identity", OutputName, last);
        graph.Output(OutputName, manifest.OutputLayer.OutputShape.ToArray());
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "LowBitCompiler",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0",
            DocString = $"{manifest.Name}, {flavor} export of a LowBit manifest" + (manifest.Checksum is null ? "." : $" ({manifest.Checksum})."),
            Graph = graph.Proto,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "lowbit.flavor", Value = flavor.ToString() });
        return new OnnxExport(model, flavor, warnings);
    }

    private static string LowerExact(ModelManifest manifest, ExactLowering lowering)
    {
        var tensors = new Dictionary<string, LoweredTensor>(StringComparer.Ordinal)
        {
            ["input"] = lowering.QuantizeInput(InputName, manifest.Input),
        };
        string last = InputName;
        foreach (var layer in manifest.Layers)
        {
            var input = tensors[layer.Inputs[0]];
            var (accumulator, requantization) = layer switch
            {
                Conv2dLayer conv => (lowering.Conv2d(conv, input), conv.Requantize),
                LinearLayer linear => (lowering.Linear(linear, input), linear.Requantize),
                AddLayer add => (lowering.Add(add, input, tensors[add.Inputs[1]]), (Requantization)add.Requantize),
                _ => (Reshape(lowering, layer, input), null),
            };
            last = requantization switch
            {
                ThresholdRequantization thresholds => lowering.Requantize(accumulator, thresholds, layer.OutputShape, layer.Id),
                FloatOutput output => lowering.FloatOutput(accumulator, output, layer.OutputShape, layer.Id),
                _ => accumulator,
            };
            tensors[layer.Id] = new LoweredTensor(last, layer.OutputShape, layer.OutputLevels(input.Levels) ?? input.Levels);
        }

        return last;
    }

    private static string Reshape(ExactLowering lowering, Layer layer, LoweredTensor input) => layer switch
    {
        MaxPool2dLayer max => lowering.MaxPool2d(max, input),
        AvgPool2dLayer average => lowering.AvgPool2d(average, input),
        GlobalAvgPoolLayer global => lowering.GlobalAvgPool(global, input),
        FlattenLayer flatten => lowering.Flatten(flatten, input),
        _ => throw new NotSupportedException($"Layer '{layer.Id}': ONNX export does not know the op {layer.Op}."),
    };

    private static string LowerLevelGrid(ModelManifest manifest, LevelGridLowering lowering) =>
        LowerInOrder(manifest, lowering.Input(InputName, manifest.Input), (layer, input, _) =>
            layer is Conv2dLayer or LinearLayer ? lowering.Dot(layer, input) : lowering.Pool(layer, input));

    private static string LowerDequantized(ModelManifest manifest, DequantizedLowering lowering) =>
        LowerInOrder(manifest, lowering.Input(InputName, manifest.Input), (layer, input, tensors) => layer switch
        {
            Conv2dLayer or LinearLayer => lowering.Dot(layer, input),
            AddLayer add => lowering.Add(add, input, tensors[add.Inputs[1]]),
            _ => lowering.Pool(layer, input),
        });

    /// <summary>Lowers the layers in order, each from its first input's lowered tensor (an add also reads its second); returns the last value.</summary>
    private static string LowerInOrder(ModelManifest manifest, LoweredTensor input, Func<Layer, LoweredTensor, IReadOnlyDictionary<string, LoweredTensor>, LoweredTensor> lower)
    {
        var tensors = new Dictionary<string, LoweredTensor>(StringComparer.Ordinal)
        {
            ["input"] = input,
        };
        LoweredTensor last = input;
        foreach (var layer in manifest.Layers)
        {
            last = lower(layer, tensors[layer.Inputs[0]], tensors);
            tensors[layer.Id] = last;
        }

        return last.Name;
    }
}
