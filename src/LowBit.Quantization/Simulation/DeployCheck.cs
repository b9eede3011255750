using System;
using System.Threading;
using System.Threading.Tasks;
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
        var simulated = Simulate(manifest, heldOut.Images);
        var count = labels.Length;
        using var interpreters = new ThreadLocal<ReferenceInterpreter>(() => new ReferenceInterpreter(manifest));
        var sampleLength = interpreters.Value!.InputLength;
        var outputLength = interpreters.Value.OutputLength;
        var pixels = heldOut.Images.reshape(count, sampleLength).data<float>().ToArray();
        var manifestClasses = new int[count];
        var mismatches = 0;

        // The interpreter is the slow part (tens of milliseconds per image for a ResNet), and samples are
        // independent: one interpreter per core.
        Parallel.For(0, count, () => (Output: new float[outputLength], Mismatches: 0), (sample, _, local) =>
        {
            interpreters.Value!.Predict(pixels.AsSpan(sample * sampleLength, sampleLength), local.Output);
            for (var k = 0; k < outputLength; k++)
            {
                if (BitConverter.SingleToInt32Bits(local.Output[k]) != BitConverter.SingleToInt32Bits(simulated[(sample * outputLength) + k]))
                {
                    local.Mismatches++;
                }
            }

            manifestClasses[sample] = ReferenceInterpreter.ArgMax(local.Output);
            return local;
        }, local => Interlocked.Add(ref mismatches, local.Mismatches));

        int agree = 0, torchCorrect = 0, manifestCorrect = 0;
        for (var sample = 0; sample < count; sample++)
        {
            agree += manifestClasses[sample] == torchPredictions[sample] ? 1 : 0;
            torchCorrect += torchPredictions[sample] == labels[sample] ? 1 : 0;
            manifestCorrect += manifestClasses[sample] == labels[sample] ? 1 : 0;
        }

        return new DeployCheckResult(count, (double)torchCorrect / count, (double)manifestCorrect / count, (double)agree / count, mismatches);
    }

    /// <summary>The integer simulation's outputs for every image, flattened sample by sample.</summary>
    private static float[] Simulate(ModelManifest manifest, Tensor images)
    {
        var simulator = new IntegerSimulator(manifest);
        var count = images.shape[0];
        float[]? all = null;
        const int chunk = 128;
        for (long start = 0; start < count; start += chunk)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(chunk, count - start);
            var outputs = simulator.Run(images.narrow(0, start, length)).reshape(length, -1).data<float>().ToArray();
            all ??= new float[count * (outputs.Length / length)];
            Array.Copy(outputs, 0, all, start * (outputs.Length / length), outputs.Length);
        }

        return all ?? Array.Empty<float>();
    }
}
