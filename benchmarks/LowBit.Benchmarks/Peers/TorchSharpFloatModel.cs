using System;
using System.Collections.Generic;
using LowBit.Manifest;
using LowBit.Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Benchmarks.Peers;

/// <summary>
/// The float model a manifest approximates (<see cref="Dequantization"/>: the same architecture, weights
/// dequantized), evaluated by TorchSharp's eager functional ops under no_grad, as a TorchSharp user would
/// deploy the model before quantizing it.
/// </summary>
internal sealed class TorchSharpFloatModel : IDisposable
{
    private readonly ModelManifest _manifest;
    private readonly Dictionary<string, (Tensor Weight, Tensor Bias)> _dots = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Tensor First, Tensor Second, Tensor Bias)> _adds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RealRange?> _clips = new(StringComparer.Ordinal);

    public TorchSharpFloatModel(ModelManifest manifest)
    {
        _manifest = manifest;
        var levels = new Dictionary<string, LevelFormat>(StringComparer.Ordinal) { ["input"] = manifest.Input.Levels };
        foreach (var layer in manifest.Layers)
        {
            var input = levels[layer.Inputs[0]];
            switch (layer)
            {
                case Conv2dLayer conv:
                    AddDot(conv, input, new long[] { conv.OutChannels, conv.InChannelsPerGroup, conv.Window.KernelHeight, conv.Window.KernelWidth });
                    RequireSymmetric(conv.Id, conv.Window);
                    break;
                case LinearLayer linear:
                    AddDot(linear, input, new long[] { linear.OutFeatures, linear.InFeatures });
                    break;
                case AddLayer add:
                    var parameters = Dequantization.Add(add, input, levels[add.Inputs[1]]);
                    var shape = new long[] { add.OutputShape.Channels, 1, 1 };
                    _adds[add.Id] = (tensor(parameters.First, shape), tensor(parameters.Second, shape), tensor(parameters.Bias, shape));
                    _clips[add.Id] = parameters.Clip;
                    break;
                case MaxPool2dLayer max:
                    RequireSymmetric(max.Id, max.Window);
                    break;
                case AvgPool2dLayer average:
                    RequireSymmetric(average.Id, average.Window);
                    break;
            }

            levels[layer.Id] = layer.OutputLevels(input) ?? input;
        }
    }

    public Tensor Forward(Tensor input)
    {
        var values = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["input"] = input };
        Tensor last = input;
        foreach (var layer in _manifest.Layers)
        {
            var x = values[layer.Inputs[0]];
            last = layer switch
            {
                Conv2dLayer conv => Clip(conv.Id, nn.functional.conv2d(x, _dots[conv.Id].Weight, _dots[conv.Id].Bias, Pair(conv.Window.StrideHeight, conv.Window.StrideWidth), Pair(conv.Window.PadTop, conv.Window.PadLeft), Pair(1, 1), conv.Groups)),
                LinearLayer linear => Clip(linear.Id, nn.functional.linear(x, _dots[linear.Id].Weight, _dots[linear.Id].Bias)),
                AddLayer add => Clip(add.Id, (x * _adds[add.Id].First) + (values[add.Inputs[1]] * _adds[add.Id].Second) + _adds[add.Id].Bias),
                MaxPool2dLayer max => nn.functional.max_pool2d(x, Pair(max.Window.KernelHeight, max.Window.KernelWidth), Pair(max.Window.StrideHeight, max.Window.StrideWidth), Pair(max.Window.PadTop, max.Window.PadLeft)),
                AvgPool2dLayer average => nn.functional.avg_pool2d(x, Pair(average.Window.KernelHeight, average.Window.KernelWidth), Pair(average.Window.StrideHeight, average.Window.StrideWidth), Pair(average.Window.PadTop, average.Window.PadLeft), ceil_mode: false, count_include_pad: true),
                GlobalAvgPoolLayer => x.mean(new long[] { 2, 3 }, keepdim: true),
                FlattenLayer => x.flatten(1),
                _ => throw new NotSupportedException($"Layer '{layer.Id}': no TorchSharp form for {layer.Op}."),
            };
            values[layer.Id] = last;
        }

        return last;
    }

    public void Dispose()
    {
        foreach (var (weight, bias) in _dots.Values)
        {
            weight.Dispose();
            bias.Dispose();
        }

        foreach (var (first, second, bias) in _adds.Values)
        {
            first.Dispose();
            second.Dispose();
            bias.Dispose();
        }
    }

    private void AddDot(Layer layer, LevelFormat input, long[] weightShape)
    {
        var dot = Dequantization.Dot(layer, input);
        _dots[layer.Id] = (tensor(dot.Weights, weightShape), tensor(dot.Bias));
        _clips[layer.Id] = dot.Clip;
    }

    private Tensor Clip(string id, Tensor value) =>
        _clips[id] is { } range ? value.clamp(range.Low, range.High) : value;

    private static long[] Pair(int first, int second) => new long[] { first, second };

    private static void RequireSymmetric(string id, Window2d window)
    {
        if (window.PadTop != window.PadBottom || window.PadLeft != window.PadRight)
        {
            throw new NotSupportedException($"Layer '{id}': the TorchSharp peer handles symmetric padding only.");
        }
    }
}
