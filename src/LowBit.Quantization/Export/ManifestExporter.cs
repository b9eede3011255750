using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;
using LowBit.Quantization.Modules;
using LowBit.Quantization.Quantizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Export;

/// <summary>
/// Turns a trained <see cref="Sequential"/> into a manifest. Nested Sequentials are read in order, their
/// modules named by dotted path (<c>layer1.0.body.conv1.conv</c>). The accepted graph, in module order:
/// <c>QInput</c> first; then any of
/// <list type="bullet">
/// <item><c>QConv2d</c> or <c>QLinear</c>, optionally <c>BatchNorm</c> and <c>ReLU</c>, then <c>QActivation</c>
/// — one layer with integer thresholds (scales, zero point, bias, BatchNorm and the quantizer fold into them);</item>
/// <item><c>MaxPool2d</c>, <c>QAvgPool2d</c>, <c>QGlobalAvgPool</c>, <c>Flatten</c>, <c>Dropout</c> (identity at inference);</item>
/// <item><c>QResidual</c>: body and shortcut each a chain of the above ending in levels, joined by an
/// integer <c>add</c> whose thresholds come from its <c>QActivation</c>;</item>
/// </list>
/// and last a <c>QConv2d</c> or <c>QLinear</c> (optionally with BatchNorm) whose accumulator becomes the
/// float output. Anything else is refused with the module's name and what would be accepted.
/// </summary>
public static class ManifestExporter
{
    public static readonly Producer Producer = new("LowBit.Quantization", typeof(ManifestExporter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    public static ModelManifest Export(Sequential model, string name, TensorShape inputShape)
    {
        var modules = ChainExporter.Flatten(model, prefix: null);
        if (modules.Count == 0 || modules[0].Module is not QInput input)
        {
            throw new ExportException(modules.Count == 0 ? name : modules[0].Name, "the model must start with a QInput module, which defines how the deployed model quantizes its input");
        }

        var wasTraining = model.training;
        model.eval();
        try
        {
            using var _ = no_grad();
            var state = new ExportCursor(inputShape, input.Scale, zeroPoint: 0, levelMagnitude: input.MaxLevel);
            var layers = new List<Layer>();
            ChainExporter.Run(modules.GetRange(1, modules.Count - 1), state, layers);

            var manifest = new ModelManifest(name, Producer, new InputSpec(inputShape, input.Format), layers);
            CheckLastLayer(modules, layers);
            var errors = ManifestValidator.Validate(manifest, name);
            if (errors.Count > 0)
            {
                throw new ExportException(name, "the exported manifest is not valid: " + string.Join("; ", errors.Select(e => $"{e.JsonPath}: {e.Message}")));
            }

            return manifest;
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static void CheckLastLayer(List<NamedModule> modules, List<Layer> layers)
    {
        if (layers.Count == 0 || layers[^1] is not (Conv2dLayer { Requantize: FloatOutput } or LinearLayer { Requantize: FloatOutput }))
        {
            throw new ExportException(modules[^1].Name, "the model must end with a QConv2d or QLinear (optionally followed by BatchNorm) whose output is the model's float output");
        }
    }
}

internal sealed record NamedModule(string Name, nn.Module Module);
