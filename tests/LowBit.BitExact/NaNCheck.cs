using System;
using System.Collections.Generic;
using LowBit.Generated;
using LowBit.Manifest;
using LowBit.Runtime;

namespace LowBit.BitExact;

/// <summary>
/// NaN is refused the same way by generated code and the interpreter: an ArgumentException naming the first
/// NaN's index, whether it sits in the vectorized part of the check or the scalar tail, alone or in a batch.
/// </summary>
internal static class NaNCheck
{
    public static IEnumerable<string> Run(ILowBitModel model, ModelManifest manifest)
    {
        var reference = new ReferenceInterpreter(manifest);
        var output = new float[model.OutputLength];
        foreach (int index in new[] { 0, model.InputLength / 2, model.InputLength - 1 })
        {
            var input = new float[model.InputLength];
            input[index] = float.NaN;
            if (model.InputLength > index + 1)
            {
                input[index + 1] = float.NaN; // only the first NaN is named
            }

            var expected = $"input[{index}]";
            var generated = Refusal(() => model.Predict(input, output));
            if (!generated.Contains(expected, StringComparison.Ordinal))
            {
                yield return $"{model.Name}: generated Predict with NaN at {index}: {generated}";
            }

            var interpreted = Refusal(() => reference.Predict(input, output));
            if (!interpreted.Contains(expected, StringComparison.Ordinal))
            {
                yield return $"{model.Name}: interpreter with NaN at {index}: {interpreted}";
            }
        }

        const int Batch = 3;
        var inputs = new float[model.InputLength * Batch];
        var outputs = new float[model.OutputLength * Batch];
        int batchIndex = model.InputLength * 2 + (model.InputLength / 3);
        inputs[batchIndex] = float.NaN;
        var batched = Refusal(() => model.Predict(inputs, outputs, Batch));
        if (!batched.Contains($"inputs[{batchIndex}]", StringComparison.Ordinal))
        {
            yield return $"{model.Name}: batched Predict with NaN at {batchIndex}: {batched}";
        }
    }

    /// <summary>The ArgumentException's message, or a description of what happened instead.</summary>
    private static string Refusal(Action predict)
    {
        try
        {
            predict();
            return "no exception";
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
