using System;
using System.Collections.Generic;
using LowBit.Manifest;
using LowBit.Runtime.Reference;

namespace LowBit.Runtime;

/// <summary>
/// Runs any valid manifest with plain integer code that follows the contract's definitions literally
/// (docs/integer-contract.md). It is the oracle every generated kernel is tested against, and a
/// fallback for models loaded at run time. Not thread-safe: an instance owns its buffers, so
/// <see cref="Predict"/> allocates nothing; use one instance per thread.
/// </summary>
public sealed class ReferenceInterpreter
{
    private readonly int[] _inputLevels;
    private readonly ReferenceStep[] _steps;
    private readonly Dictionary<string, int[]> _buffers = new(StringComparer.Ordinal);
    private readonly FloatOutput _output;
    private readonly int _outputChannelSize;
    private readonly float[] _classifyScratch;

    public ReferenceInterpreter(ModelManifest manifest)
    {
        var errors = ManifestValidator.Validate(manifest, $"<model {manifest.Name}>");
        if (errors.Count > 0)
        {
            throw new ManifestException(errors);
        }

        Manifest = manifest;
        _inputLevels = new int[manifest.Input.Shape.Length];
        _buffers[ManifestFormat.InputId] = _inputLevels;
        var shapes = new Dictionary<string, TensorShape>(StringComparer.Ordinal) { [ManifestFormat.InputId] = manifest.Input.Shape };
        var levels = new Dictionary<string, LevelFormat>(StringComparer.Ordinal) { [ManifestFormat.InputId] = manifest.Input.Levels };

        _steps = new ReferenceStep[manifest.Layers.Count];
        for (int i = 0; i < manifest.Layers.Count; i++)
        {
            var layer = manifest.Layers[i];
            var source = layer.Inputs[0];
            var step = CreateStep(layer, _buffers[source], shapes[source], levels[source], _buffers);
            _steps[i] = step;
            _buffers[layer.Id] = step.Output;
            shapes[layer.Id] = layer.OutputShape;
            if (layer.OutputLevels(levels[source]) is { } outputLevels)
            {
                levels[layer.Id] = outputLevels;
            }
        }

        var last = manifest.OutputLayer;
        _output = (FloatOutput)(last is Conv2dLayer conv ? conv.Requantize : ((LinearLayer)last).Requantize);
        _outputChannelSize = last.OutputShape.Height * last.OutputShape.Width;
        OutputLength = last.OutputShape.Length;
        _classifyScratch = new float[OutputLength];
    }

    public ModelManifest Manifest { get; }

    public int InputLength => _inputLevels.Length;

    public int OutputLength { get; }

    /// <summary>Reads, validates and loads a manifest file.</summary>
    public static ReferenceInterpreter Load(string path) => new(ManifestReader.ReadFile(path));

    /// <summary>
    /// Runs the model on one sample. Throws <see cref="ArgumentException"/> when a span has the wrong length or
    /// the input holds a NaN (naming the first one's index); ±∞ saturate to the extreme input levels.
    /// </summary>
    public void Predict(ReadOnlySpan<float> input, Span<float> output)
    {
        if (input.Length != InputLength)
        {
            throw new ArgumentException($"Expected an input of length {InputLength} for model '{Manifest.Name}', found {input.Length}.", nameof(input));
        }

        if (output.Length != OutputLength)
        {
            throw new ArgumentException($"Expected an output of length {OutputLength} for model '{Manifest.Name}', found {output.Length}.", nameof(output));
        }

        // As generated code does: NaN has no quantized level, so it is refused rather than answered.
        for (int i = 0; i < input.Length; i++)
        {
            if (float.IsNaN(input[i]))
            {
                throw new ArgumentException($"Expected a number at input[{i}], found NaN: a NaN input has no quantized level (±∞ saturate to the extreme levels).", nameof(input));
            }
        }

        InputQuantizer.Quantize(input, Manifest.Input.Levels, _inputLevels);
        foreach (var step in _steps)
        {
            step.Run();
        }

        var accumulators = _steps[_steps.Length - 1].Output;
        for (int i = 0; i < accumulators.Length; i++)
        {
            output[i] = Requantizer.ToFloat(accumulators[i], i / _outputChannelSize, _output);
        }
    }

    /// <summary>Index of the largest output (the first on ties).</summary>
    public int Classify(ReadOnlySpan<float> input)
    {
        Predict(input, _classifyScratch);
        return ArgMax(_classifyScratch);
    }

    /// <summary>Index of the largest score, the first on ties (as torch.argmax picks).</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>The quantized input of the last <see cref="Predict"/> call.</summary>
    public ReadOnlySpan<int> InputLevels => _inputLevels;

    /// <summary>
    /// A layer's output from the last <see cref="Predict"/> call: integer levels, or the int32
    /// accumulators for the last layer. For locating the first layer where two implementations differ.
    /// </summary>
    public ReadOnlySpan<int> LayerOutput(string layerId) =>
        _buffers.TryGetValue(layerId, out var buffer)
            ? buffer
            : throw new ArgumentException($"Model '{Manifest.Name}' has no layer '{layerId}'.", nameof(layerId));

    private static ReferenceStep CreateStep(Layer layer, int[] input, TensorShape inputShape, LevelFormat inputLevels, IReadOnlyDictionary<string, int[]> buffers) => layer switch
    {
        Conv2dLayer conv => new ReferenceConv2d(conv, input, inputShape, inputLevels),
        LinearLayer linear => new ReferenceLinear(linear, input),
        MaxPool2dLayer maxPool => new ReferenceMaxPool2d(maxPool, input, inputShape),
        AvgPool2dLayer avgPool => new ReferenceAvgPool2d(avgPool, input, inputShape, inputLevels),
        GlobalAvgPoolLayer global => new ReferenceGlobalAvgPool(global, input, inputShape),
        FlattenLayer flatten => new ReferenceFlatten(flatten, input),
        AddLayer add => new ReferenceAdd(add, input, buffers[add.Inputs[1]]),
        _ => throw new NotSupportedException($"Layer '{layer.Id}': op {layer.Op.ToName()} has no reference implementation."),
    };
}
