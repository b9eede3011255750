using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;
using LowBit.Quantization.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Export;

/// <summary>Exports a chain of modules in order, moving the cursor along; the building block the whole
/// model, a residual body and a shortcut are all exported with.</summary>
internal static class ChainExporter
{
    /// <summary>The children of a Sequential in order, nested Sequentials expanded in place, named by dotted path.</summary>
    public static List<NamedModule> Flatten(Sequential sequential, string? prefix)
    {
        var modules = new List<NamedModule>();
        foreach (var (name, module) in sequential.named_children())
        {
            var path = prefix is null ? name : $"{prefix}.{name}";
            if (module is Sequential nested)
            {
                modules.AddRange(Flatten(nested, path));
            }
            else
            {
                modules.Add(new NamedModule(path, module));
            }
        }

        return modules;
    }

    public static void Run(List<NamedModule> modules, ExportCursor state, List<Layer> layers)
    {
        var position = 0;
        while (position < modules.Count)
        {
            if (state.IsFloatOutput)
            {
                throw new ExportException(modules[position].Name, $"follows {state.Id}, whose accumulator is the float output (it has no QActivation); only the last layer may be left without one");
            }

            position = ExportNext(modules, position, state, layers);
        }
    }

    private static int ExportNext(List<NamedModule> modules, int position, ExportCursor state, List<Layer> layers)
    {
        var current = modules[position];
        if (current.Module is QConv2d or QLinear)
        {
            return ParameterizedLayerExporter.Export(modules, position, state, layers);
        }

        // Every other module is one layer (or none, for Dropout): export it, then move on by one.
        Layer? layer = current.Module switch
        {
            QResidual residual => ResidualExporter.Export(current.Name, residual, state, layers),
            MaxPool2d pool => SimpleLayerExporter.MaxPool(current.Name, pool, state),
            QAvgPool2d pool => AveragePoolExporter.Window(current.Name, pool, state),
            QGlobalAvgPool pool => AveragePoolExporter.Global(current.Name, pool, state),
            Flatten flatten => SimpleLayerExporter.Flatten(current.Name, flatten, state),
            Dropout or Dropout1d or Dropout2d => null,
            AvgPool2d or AdaptiveAvgPool2d => throw new ExportException(current.Name, $"{current.Module.GetType().Name} averages real values, which the integer network cannot reproduce; use QAvgPool2d or QGlobalAvgPool, which average levels as the integer contract does"),
            QActivation => throw new ExportException(current.Name, "a QActivation must directly follow a QConv2d or QLinear (optionally through BatchNorm and ReLU) or be a QResidual's join: there is no accumulator here for it to requantize"),
            QInput => throw new ExportException(current.Name, "QInput may appear only once, as the first module"),
            _ => throw new ExportException(current.Name, $"{current.Module.GetType().Name} cannot run in the integer network; supported modules are QInput, QConv2d, QLinear, BatchNorm1d/2d, ReLU, QActivation, QResidual, MaxPool2d, QAvgPool2d, QGlobalAvgPool, Flatten and Dropout"),
        };
        if (layer is not null)
        {
            layers.Add(layer);
        }

        return position + 1;
    }
}
