using System;
using LowBit.Manifest;
using LowBit.Quantization.Training;
using LowBit.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace LowBit.Quantization.Simulation;

/// <summary>Runs the held-out set through the TorchSharp model (eval mode), the reference interpreter
/// and the integer simulation, and compares them.</summary>
public static class DeployCheck
{
    public static DeployCheckResult Run(nn.Module<Tensor, Tensor> model, ModelManifest manifest, ImageBatch heldOut)
    {
        var torchPredictions = Trainer.Predict(model, heldOut.Images);
        var labels = heldOut.Labels.data<long>().ToArray();
        var interpreter = new ReferenceInterpreter(manifest);
        var simulator = new IntegerSimulator(manifest);
        var count = labels.Length;
        var sampleLength = interpreter.InputLength;
        var outputLength = interpreter.OutputLength;
        var pixels = heldOut.Images.reshape(count, sampleLength).data<float>().ToArray();
        var interpreted = new float[outputLength];
        int agree = 0, torchCorrect = 0, manifestCorrect = 0, mismatches = 0;
        const int chunk = 128;
        for (var start = 0; start < count; start += chunk)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(chunk, count - start);
            var simulated = simulator.Run(heldOut.Images.narrow(0, start, length)).reshape(length, outputLength).data<float>().ToArray();
            for (var i = 0; i < length; i++)
            {
                var sample = start + i;
                interpreter.Predict(pixels.AsSpan(sample * sampleLength, sampleLength), interpreted);
                for (var k = 0; k < outputLength; k++)
                {
                    if (BitConverter.SingleToInt32Bits(interpreted[k]) != BitConverter.SingleToInt32Bits(simulated[(i * outputLength) + k]))
                    {
                        mismatches++;
                    }
                }

                var manifestClass = ReferenceInterpreter.ArgMax(interpreted);
                agree += manifestClass == torchPredictions[sample] ? 1 : 0;
                torchCorrect += torchPredictions[sample] == labels[sample] ? 1 : 0;
                manifestCorrect += manifestClass == labels[sample] ? 1 : 0;
            }
        }

        return new DeployCheckResult(count, (double)torchCorrect / count, (double)manifestCorrect / count, (double)agree / count, mismatches);
    }
}
