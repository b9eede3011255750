using System;
using System.Linq;
using LowBit.Manifest;
using LowBit.Quantization.Export;
using LowBit.Quantization.Modules;
using LowBit.Quantization.Quantizers;
using LowBit.Quantization.Simulation;
using LowBit.Quantization.Training;
using LowBit.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LowBit.Quantization.Tests.Export;

/// <summary>
/// BatchNorm (with negative γ, so some channels are negated), conv bias, the weight, input and activation
/// scales and the input zero point all fold into thresholds: the exported model reproduces the TorchSharp
/// model's intermediate levels and outputs, and the integer simulation matches the interpreter bit for bit.
/// </summary>
public sealed class BatchNormFoldingTests
{
    private const int Samples = 64;

    [Theory]
    [InlineData("dsq", 3, 3)]
    [InlineData("lsq", 4, 2)]
    [InlineData("ste", 2, 4)]
    [InlineData("lsq", 1, 1)]
    public void FoldedThresholdsReproduceTheTorchModel(string method, int weightBits, int activationBits)
    {
        TorchSession.Seed(7);
        var quantization = QuantizationMethod.Parse(method);
        var conv = new QConv2d(2, 6, 3, quantization.CreateWeightQuantizer(weightBits), padding: 1, bias: true);
        var norm = nn.BatchNorm2d(6);
        var act = new QActivation(quantization.CreateActivationQuantizer(activationBits));
        var model = nn.Sequential(
            ("input", new QInput(8, 1 / 64f)),
            ("conv", conv),
            ("bn", norm),
            ("act", act),
            ("pool", nn.MaxPool2d(2)),
            ("flatten", nn.Flatten()),
            ("fc", new QLinear(6 * 4 * 4, 5, quantization.CreateWeightQuantizer(weightBits))),
            ("bnOut", nn.BatchNorm1d(5)));
        using var inputs = rand(Samples, 2, 8, 8) * 4;
        model.train();
        model.call(inputs).Dispose();
        RandomizeStatistics(norm, negative: new[] { 1, 4 });

        var manifest = ManifestExporter.Export(model, "folding", TensorShape.Chw(2, 8, 8));

        var hidden = (ThresholdRequantization)((Conv2dLayer)manifest.Layers[0]).Requantize;
        Assert.Equal(new[] { 1, 4 }, hidden.NegatedChannels.ToArray());
        model.eval();
        using var torchLevels = TorchLevels(model, inputs, act);
        using var torchOutputs = model.call(inputs);
        var interpreter = new ReferenceInterpreter(manifest);
        var pixels = inputs.reshape(Samples, -1).data<float>().ToArray();
        var expectedLevels = torchLevels.data<float>().ToArray();
        var expectedOutputs = torchOutputs.data<float>().ToArray();
        var output = new float[5];
        int levelMismatches = 0, compared = 0;
        for (var s = 0; s < Samples; s++)
        {
            interpreter.Predict(pixels.AsSpan(s * 128, 128), output);
            var levels = interpreter.LayerOutput("act");
            var sampleMismatches = 0;
            for (var i = 0; i < levels.Length; i++)
            {
                // The interpreter is HWC-agnostic here: both are [C, H, W] per sample.
                sampleMismatches += levels[i] == (int)Math.Round(expectedLevels[(s * levels.Length) + i]) ? 0 : 1;
            }

            levelMismatches += sampleMismatches;
            compared += levels.Length;
            if (sampleMismatches == 0)
            {
                for (var k = 0; k < 5; k++)
                {
                    Assert.Equal(expectedOutputs[(s * 5) + k], output[k], 3);
                }
            }
        }

        Assert.True(levelMismatches <= compared / 1000, $"{levelMismatches} of {compared} hidden levels differ (float rounding at a boundary may flip a few)");
        AssertSimulationBitExact(manifest, inputs, interpreter, pixels);
    }

    private static void AssertSimulationBitExact(ModelManifest manifest, Tensor inputs, ReferenceInterpreter interpreter, float[] pixels)
    {
        using var simulated = new IntegerSimulator(manifest).Run(inputs);
        var values = simulated.data<float>().ToArray();
        var output = new float[5];
        for (var s = 0; s < Samples; s++)
        {
            interpreter.Predict(pixels.AsSpan(s * 128, 128), output);
            for (var k = 0; k < 5; k++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(output[k]), BitConverter.SingleToInt32Bits(values[(s * 5) + k]));
            }
        }
    }

    private static Tensor TorchLevels(Sequential model, Tensor inputs, QActivation act)
    {
        using var _ = no_grad();
        var x = inputs;
        foreach (var (name, module) in model.named_children())
        {
            x = ((nn.Module<Tensor, Tensor>)module).call(x);
            if (name == "act")
            {
                break;
            }
        }

        return x / act.Quantizer.Grid().Step;
    }

    private static void RandomizeStatistics(BatchNorm norm, int[] negative)
    {
        using var _ = no_grad();
        norm.running_mean!.copy_(randn(6) * 0.3);
        norm.running_var!.copy_(rand(6) + 0.2);
        norm.weight!.copy_(rand(6) + 0.5);
        norm.bias!.copy_(randn(6) * 0.5);
        foreach (var c in negative)
        {
            norm.weight![c] = -norm.weight![c];
        }
    }
}
