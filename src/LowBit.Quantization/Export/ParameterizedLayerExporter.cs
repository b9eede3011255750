using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;
using LowBit.Quantization.Modules;
using LowBit.Quantization.Quantizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Export;

/// <summary>
/// Exports <c>QConv2d | QLinear</c> [BatchNorm] [ReLU] [QActivation]: integer weights packed at their
/// bitwidth, and either thresholds (with a following QActivation) or the float output (last layer).
/// </summary>
internal static class ParameterizedLayerExporter
{
    public static int Export(List<NamedModule> modules, int position, ExportCursor state, List<Layer> layers)
    {
        var layer = modules[position];
        var next = position + 1;
        BatchNorm? norm = null;
        string? normName = null;
        if (next < modules.Count && modules[next].Module is BatchNorm candidate)
        {
            CheckNormKind(layer, modules[next]);
            (norm, normName) = (candidate, modules[next].Name);
            next++;
        }

        var sawRelu = false;
        if (next < modules.Count && modules[next].Module is ReLU)
        {
            sawRelu = true;
            next++;
        }

        QActivation? activation = null;
        if (next < modules.Count && modules[next].Module is QActivation found)
        {
            activation = found;
            next++;
        }
        else if (sawRelu || next < modules.Count)
        {
            var instead = next < modules.Count ? $"{modules[next].Name} ({modules[next].Module.GetType().Name})" : "the end of the model";
            throw new ExportException(layer.Name, $"expected [BatchNorm] [ReLU] QActivation after this layer (or nothing, if it is the output layer), found {instead}");
        }

        var weights = Encode(layer);
        var fold = AffineFold.FromLayer(weights.Scales, state.Step, state.ZeroPoint, weights.RowSums, weights.Bias);
        if (norm is not null)
        {
            fold = fold.ThenBatchNorm(norm, normName!);
        }

        CheckFinite(fold, layer.Name);
        var outputShape = OutputShape(layer, state);
        var inputId = state.Id;
        var id = activation is null ? layer.Name : modules[next - 1].Name;
        Requantization requantize;
        if (activation is null)
        {
            requantize = new FloatOutput(fold.Slope.Select(v => (float)v).ToArray(), fold.Offset.Select(v => (float)v).ToArray());
            state.MoveToFloatOutput(id, outputShape);
        }
        else
        {
            var grid = activation.Quantizer.Grid();
            var bound = (long)weights.FanIn * weights.MaxMagnitude * state.LevelMagnitude;
            var (thresholds, negated) = ThresholdFolding.Fold(fold, grid, Math.Min(bound, int.MaxValue));
            requantize = new ThresholdRequantization(new LevelFormat(grid.Bits, grid.Signed, 0, (float)grid.Step), thresholds, negated);
            state.MoveTo(id, outputShape, grid.Step, 0, grid.MaxMagnitude);
        }

        layers.Add(layer.Module switch
        {
            QConv2d conv => new Conv2dLayer(id, new[] { inputId }, outputShape, conv.InChannels, conv.OutChannels, Window2d.Square(conv.Kernel, conv.Stride, conv.Padding), conv.Groups, weights.Packed, requantize),
            QLinear linear => new LinearLayer(id, new[] { inputId }, outputShape, linear.InFeatures, linear.OutFeatures, weights.Packed, requantize),
            _ => throw new InvalidOperationException("unreachable: caller matched QConv2d or QLinear"),
        });
        return next;
    }

    private static EncodedWeights Encode(NamedModule layer)
    {
        var (weight, bias, quantizer) = layer.Module switch
        {
            QConv2d conv => (conv.Weight, conv.Bias, conv.Quantizer),
            QLinear linear => ((Tensor)linear.Weight, linear.Bias, linear.Quantizer),
            _ => throw new InvalidOperationException("unreachable"),
        };

        var (codesTensor, scale) = quantizer.Encode(weight);
        var codes = codesTensor.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
        var grid = quantizer.Grid;
        var values = new sbyte[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            if (code != Math.Round(code) || !grid.Contains((int)code))
            {
                throw new ExportException(layer.Name, $"weight {i} quantized to {code}, outside the {grid.Bits}-bit grid {grid.MinCode}…{grid.MaxCode} of {quantizer.GetType().Name}");
            }

            values[i] = (sbyte)code;
        }

        var rows = (int)weight.shape[0];
        var scales = ChannelScales(scale, rows, layer.Name);
        var fanIn = codes.Length / rows;
        var rowSums = new long[rows];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < fanIn; k++)
            {
                rowSums[r] += values[(r * fanIn) + k];
            }
        }

        var maxMagnitude = Math.Max(Math.Abs(grid.MinCode), Math.Abs(grid.MaxCode));
        var biasValues = bias is null ? null : bias.detach().to_type(ScalarType.Float32).data<float>().ToArray();
        return new EncodedWeights(PackedWeights.Pack(grid.Encoding, grid.Bits, values), scales, rowSums, biasValues, fanIn, maxMagnitude);
    }

    /// <summary>One scale per output channel, from a per-tensor or per-channel scale tensor.</summary>
    private static double[] ChannelScales(Tensor scale, int rows, string layer)
    {
        var values = scale.detach().to_type(ScalarType.Float64).reshape(-1).data<double>().ToArray();
        if (values.Length != 1 && values.Length != rows)
        {
            throw new ExportException(layer, $"the weight quantizer gave {values.Length} scales; expected 1 or one per output channel ({rows})");
        }

        var scales = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var value = values[values.Length == 1 ? 0 : r];
            if (!(value > 0) || double.IsInfinity(value))
            {
                throw new ExportException(layer, $"weight scale of channel {r} must be finite and > 0, found {value}");
            }

            scales[r] = value;
        }

        return scales;
    }

    private static TensorShape OutputShape(NamedModule layer, ExportCursor state)
    {
        switch (layer.Module)
        {
            case QConv2d conv:
                if (state.Shape.Rank != 3 || state.Shape.Channels != conv.InChannels)
                {
                    throw new ExportException(layer.Name, $"QConv2d expects [{conv.InChannels}, H, W] input, found {state.Shape}");
                }

                var window = Window2d.Square(conv.Kernel, conv.Stride, conv.Padding);
                return TensorShape.Chw(conv.OutChannels, window.OutputHeight(state.Shape.Height), window.OutputWidth(state.Shape.Width));
            case QLinear linear:
                if (state.Shape.Rank != 1 || state.Shape.Length != linear.InFeatures)
                {
                    throw new ExportException(layer.Name, $"QLinear expects a vector of {linear.InFeatures} features, found {state.Shape}{(state.Shape.Rank == 3 ? " (add a Flatten before it)" : string.Empty)}");
                }

                return TensorShape.Vector(linear.OutFeatures);
            default:
                throw new InvalidOperationException("unreachable");
        }
    }

    private static void CheckNormKind(NamedModule layer, NamedModule norm)
    {
        var expected = layer.Module is QConv2d ? typeof(BatchNorm2d) : typeof(BatchNorm1d);
        if (norm.Module.GetType() != expected)
        {
            throw new ExportException(norm.Name, $"{layer.Name} ({layer.Module.GetType().Name}) is followed by {norm.Module.GetType().Name}; expected {expected.Name}");
        }
    }

    private static void CheckFinite(AffineFold fold, string name)
    {
        for (var c = 0; c < fold.Channels; c++)
        {
            if (!double.IsFinite(fold.Slope[c]) || !double.IsFinite(fold.Offset[c]))
            {
                throw new ExportException(name, $"channel {c} folds to a non-finite scale or offset ({fold.Slope[c]}, {fold.Offset[c]}); the trained parameters contain NaN or infinity");
            }
        }
    }

    private sealed record EncodedWeights(PackedWeights Packed, double[] Scales, long[] RowSums, float[]? Bias, int FanIn, int MaxMagnitude);
}
