using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using LowBit.Manifest;

namespace LowBit.TestModels;

/// <summary>
/// Builds random valid models from a seed, layer by layer, for tests that run every op and bitwidth
/// against the reference interpreter. Everything random comes from <c>new Random(seed)</c>, so a seed
/// always gives the same model (the same JSON bytes) on every machine.
/// <para>
/// Weights are uniform over their encoding's values (each output channel gets at least one non-zero
/// weight). Thresholds are placed at normal quantiles of each channel's estimated accumulator
/// distribution — estimated from the drawn weights and the modelled level distribution of the layer's
/// input (uniform for the model input) — so every layer's output uses its levels rather than sitting
/// at one. <see cref="Build"/> turns the last layer's requantization into a random float output.
/// </para>
/// <example><code>
/// var model = new ModelBuilder(seed: 7, "tiny")
///     .Input(3, 16, 16)
///     .Conv2d(8, 3, padding: 1, weights: WeightSpec.Signed(2), activationBits: 2)
///     .Residual(b => b.Conv2d(8, 3, padding: 1).Conv2d(8, 1), activationBits: 4)
///     .MaxPool2d(2)
///     .GlobalAvgPool()
///     .Flatten()
///     .Linear(10, WeightSpec.Ternary)
///     .Build();
/// </code></example>
/// </summary>
public sealed class ModelBuilder
{
    /// <summary>Producer name written into built manifests.</summary>
    public const string ProducerName = "LowBit.TestModels";

    /// <summary>
    /// Producer version written into built manifests. Bump it only when the builder's output for a
    /// given seed changes on purpose (committed examples must then be regenerated).
    /// </summary>
    public const string ProducerVersion = "1";

    /// <summary>The weight encoding used when a layer method is given none.</summary>
    public static readonly WeightSpec DefaultWeights = WeightSpec.Signed(3);

    private static readonly int[] AddMultiplierChoices = { 1, 2, 3, -1 };

    private readonly Random _random;
    private readonly List<Layer> _layers = new();
    private readonly Dictionary<string, (TensorShape Shape, LevelStatistics Statistics)> _tensors = new(StringComparer.Ordinal);
    private InputSpec? _input;
    private string _currentId = ManifestFormat.InputId;

    public ModelBuilder(int seed, string? name = null)
    {
        Seed = seed;
        Name = name ?? "random_" + seed.ToString(CultureInfo.InvariantCulture);
        _random = new Random(seed);
    }

    public int Seed { get; }

    /// <summary>
    /// Place every layer's thresholds equally spaced (a uniform quantizer's affine thresholds) instead of at
    /// normal quantiles (a non-uniform, learned-threshold quantizer). Identical for 1- and 2-bit outputs.
    /// </summary>
    public bool UniformThresholds { get; init; }

    public string Name { get; }

    /// <summary>Layers added so far (the last still has thresholds; <see cref="Build"/> makes it the float output).</summary>
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>Id of the tensor the next layer reads: "input" or the last layer's id.</summary>
    public string CurrentId => _currentId;

    /// <summary>Shape of the tensor the next layer reads.</summary>
    public TensorShape CurrentShape => Current.Shape;

    /// <summary>Level format of the tensor the next layer reads.</summary>
    public LevelFormat CurrentLevels => Current.Statistics.Levels;

    private (TensorShape Shape, LevelStatistics Statistics) Current =>
        _input is null
            ? throw new InvalidOperationException("Call Input or InputVector before adding layers.")
            : _tensors[_currentId];

    /// <summary>A [channels, height, width] input quantized to <paramref name="bits"/>-bit levels.</summary>
    /// <param name="scale">Input quantizer scale; default 1 / (2^bits − 1), i.e. inputs in [0, 1] span the levels.</param>
    public ModelBuilder Input(int channels, int height, int width, int bits = 8, bool signed = false, int zeroPoint = 0, float? scale = null) =>
        SetInput(TensorShape.Chw(Positive(channels, nameof(channels)), Positive(height, nameof(height)), Positive(width, nameof(width))), bits, signed, zeroPoint, scale);

    /// <summary>A vector input of <paramref name="features"/> levels.</summary>
    public ModelBuilder InputVector(int features, int bits = 8, bool signed = false, int zeroPoint = 0, float? scale = null) =>
        SetInput(TensorShape.Vector(Positive(features, nameof(features))), bits, signed, zeroPoint, scale);

    /// <summary>Square convolution: <paramref name="kernel"/>×<paramref name="kernel"/>, the same stride and padding on every side.</summary>
    public ModelBuilder Conv2d(
        int outChannels,
        int kernel,
        int stride = 1,
        int padding = 0,
        int groups = 1,
        WeightSpec? weights = null,
        int activationBits = 2,
        bool signedActivations = false,
        int activationZeroPoint = 0,
        double negatedFraction = 0) =>
        Conv2d(outChannels, Window2d.Square(kernel, stride, padding), groups, weights, activationBits, signedActivations, activationZeroPoint, negatedFraction);

    /// <summary>Convolution with any window: non-square kernel and stride, asymmetric padding.</summary>
    /// <param name="negatedFraction">Probability that an output channel is listed in negatedChannels (at least one is when &gt; 0).</param>
    public ModelBuilder Conv2d(
        int outChannels,
        Window2d window,
        int groups = 1,
        WeightSpec? weights = null,
        int activationBits = 2,
        bool signedActivations = false,
        int activationZeroPoint = 0,
        double negatedFraction = 0)
    {
        var (shape, statistics) = RequireFeatureMap("Conv2d");
        Positive(outChannels, nameof(outChannels));
        if (groups < 1 || shape.Channels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentException(
                $"groups must divide the input channels ({shape.Channels}) and outChannels ({outChannels}); found {groups}.",
                nameof(groups));
        }

        var (outHeight, outWidth) = OutputSize(window, shape, "Conv2d", poolPadding: false);
        var spec = weights ?? DefaultWeights;
        var levels = ActivationLevels(activationBits, signedActivations, activationZeroPoint);
        int inPerGroup = shape.Channels / groups;
        int outPerGroup = outChannels / groups;
        int fanIn = inPerGroup * window.Area;
        var values = DrawWeights(spec, outChannels, fanIn);

        // Each kernel tap reads a real input element for some output positions and the zero point for
        // the rest (padding); model the tap as that mixture.
        var validRows = ValidFractions(window.KernelHeight, window.StrideHeight, window.PadTop, shape.Height, outHeight);
        var validColumns = ValidFractions(window.KernelWidth, window.StrideWidth, window.PadLeft, shape.Width, outWidth);
        double zero = statistics.Levels.ZeroPoint;
        var means = new double[outChannels];
        var variances = new double[outChannels];
        for (int o = 0; o < outChannels; o++)
        {
            int group = o / outPerGroup;
            for (int i = 0; i < inPerGroup; i++)
            {
                int channel = (group * inPerGroup) + i;
                double mean = statistics.Mean(channel);
                double second = statistics.SecondMoment(channel);
                for (int kh = 0; kh < window.KernelHeight; kh++)
                {
                    for (int kw = 0; kw < window.KernelWidth; kw++)
                    {
                        double p = validRows[kh] * validColumns[kw];
                        double tapMean = (p * mean) + ((1 - p) * zero);
                        double tapVariance = Math.Max(0, (p * second) + ((1 - p) * zero * zero) - (tapMean * tapMean));
                        double w = values[(o * fanIn) + (((i * window.KernelHeight) + kh) * window.KernelWidth) + kw];
                        means[o] += w * tapMean;
                        variances[o] += w * w * tapVariance;
                    }
                }
            }
        }

        var negated = DrawNegatedChannels(outChannels, negatedFraction);
        var (requantization, output) = ThresholdPlacement.Place(levels, means, variances, negated, outHeight * outWidth, UniformThresholds);
        var layer = new Conv2dLayer(
            NextId("conv"),
            new[] { _currentId },
            TensorShape.Chw(outChannels, outHeight, outWidth),
            shape.Channels,
            outChannels,
            window,
            groups,
            PackedWeights.Pack(spec.Encoding, spec.Bits, values),
            requantization);
        return Append(layer, output);
    }

    /// <summary>Depthwise convolution: groups = channels, <paramref name="multiplier"/> output channels per input channel.</summary>
    public ModelBuilder DepthwiseConv2d(
        int kernel,
        int stride = 1,
        int padding = 0,
        int multiplier = 1,
        WeightSpec? weights = null,
        int activationBits = 2,
        bool signedActivations = false,
        int activationZeroPoint = 0,
        double negatedFraction = 0) =>
        DepthwiseConv2d(Window2d.Square(kernel, stride, padding), multiplier, weights, activationBits, signedActivations, activationZeroPoint, negatedFraction);

    /// <summary>Depthwise convolution with any window.</summary>
    public ModelBuilder DepthwiseConv2d(
        Window2d window,
        int multiplier = 1,
        WeightSpec? weights = null,
        int activationBits = 2,
        bool signedActivations = false,
        int activationZeroPoint = 0,
        double negatedFraction = 0)
    {
        int channels = RequireFeatureMap("DepthwiseConv2d").Shape.Channels;
        Positive(multiplier, nameof(multiplier));
        return Conv2d(channels * multiplier, window, channels, weights, activationBits, signedActivations, activationZeroPoint, negatedFraction);
    }

    /// <summary>Square max pooling; the stride defaults to the kernel size, as in PyTorch.</summary>
    public ModelBuilder MaxPool2d(int kernel, int? stride = null, int padding = 0) =>
        MaxPool2d(Window2d.Square(kernel, stride ?? kernel, padding));

    public ModelBuilder MaxPool2d(Window2d window)
    {
        var (shape, statistics) = RequireFeatureMap("MaxPool2d");
        var (outHeight, outWidth) = OutputSize(window, shape, "MaxPool2d", poolPadding: true);

        // Padded positions are ignored: the max is over the valid elements of the window.
        double valid = ValidFractions(window.KernelHeight, window.StrideHeight, window.PadTop, shape.Height, outHeight).Sum()
            * ValidFractions(window.KernelWidth, window.StrideWidth, window.PadLeft, shape.Width, outWidth).Sum();
        int count = Math.Max(1, (int)Math.Round(valid));
        var probabilities = new double[shape.Channels][];
        for (int c = 0; c < shape.Channels; c++)
        {
            var source = statistics.Probabilities(c);
            probabilities[c] = new double[source.Count];
            double cumulative = 0;
            double previous = 0;
            for (int k = 0; k < source.Count; k++)
            {
                cumulative += source[k];
                double maxAtOrBelow = Power(Math.Min(cumulative, 1), count);
                probabilities[c][k] = Math.Max(0, maxAtOrBelow - previous);
                previous = maxAtOrBelow;
            }
        }

        var layer = new MaxPool2dLayer(NextId("maxpool"), new[] { _currentId }, TensorShape.Chw(shape.Channels, outHeight, outWidth), window);
        return Append(layer, new LevelStatistics(statistics.Levels, probabilities, outHeight * outWidth));
    }

    /// <summary>Square average pooling; the stride defaults to the kernel size, as in PyTorch.</summary>
    public ModelBuilder AvgPool2d(int kernel, int? stride = null, int padding = 0) =>
        AvgPool2d(Window2d.Square(kernel, stride ?? kernel, padding));

    public ModelBuilder AvgPool2d(Window2d window)
    {
        var (shape, statistics) = RequireFeatureMap("AvgPool2d");
        var (outHeight, outWidth) = OutputSize(window, shape, "AvgPool2d", poolPadding: true);
        var validRows = ValidFractions(window.KernelHeight, window.StrideHeight, window.PadTop, shape.Height, outHeight);
        var validColumns = ValidFractions(window.KernelWidth, window.StrideWidth, window.PadLeft, shape.Width, outWidth);
        double zero = statistics.Levels.ZeroPoint;
        var probabilities = new double[shape.Channels][];
        for (int c = 0; c < shape.Channels; c++)
        {
            // Padded positions read the zero point and count in the divisor (the kernel area).
            double mean = statistics.Mean(c);
            double second = statistics.SecondMoment(c);
            double sumMean = 0;
            double sumVariance = 0;
            foreach (var row in validRows)
            {
                foreach (var column in validColumns)
                {
                    double p = row * column;
                    double tapMean = (p * mean) + ((1 - p) * zero);
                    sumMean += tapMean;
                    sumVariance += Math.Max(0, (p * second) + ((1 - p) * zero * zero) - (tapMean * tapMean));
                }
            }

            probabilities[c] = LevelStatistics.RoundedNormal(statistics.Levels, sumMean / window.Area, Math.Sqrt(sumVariance) / window.Area);
        }

        var layer = new AvgPool2dLayer(NextId("avgpool"), new[] { _currentId }, TensorShape.Chw(shape.Channels, outHeight, outWidth), window);
        return Append(layer, new LevelStatistics(statistics.Levels, probabilities, outHeight * outWidth));
    }

    /// <summary>Average over all of H×W per channel: output [C, 1, 1].</summary>
    public ModelBuilder GlobalAvgPool()
    {
        var (shape, statistics) = RequireFeatureMap("GlobalAvgPool");
        int count = shape.Height * shape.Width;
        var probabilities = new double[shape.Channels][];
        for (int c = 0; c < shape.Channels; c++)
        {
            probabilities[c] = LevelStatistics.RoundedNormal(statistics.Levels, statistics.Mean(c), Math.Sqrt(statistics.Variance(c) / count));
        }

        var layer = new GlobalAvgPoolLayer(NextId("gap"), new[] { _currentId }, TensorShape.Chw(shape.Channels, 1, 1));
        return Append(layer, new LevelStatistics(statistics.Levels, probabilities, 1));
    }

    /// <summary>[C, H, W] → [C·H·W], channel-major.</summary>
    public ModelBuilder Flatten()
    {
        var (shape, statistics) = RequireFeatureMap("Flatten");

        // Element i of the vector is element i of the channel-major feature map: same statistics.
        var layer = new FlattenLayer(NextId("flatten"), new[] { _currentId }, TensorShape.Vector(shape.Length));
        return Append(layer, statistics);
    }

    /// <summary>Fully connected layer on a vector (call <see cref="Flatten"/> after a feature map).</summary>
    public ModelBuilder Linear(
        int outFeatures,
        WeightSpec? weights = null,
        int activationBits = 2,
        bool signedActivations = false,
        int activationZeroPoint = 0,
        double negatedFraction = 0)
    {
        var (shape, statistics) = Current;
        if (shape.Rank != 1)
        {
            throw new InvalidOperationException($"Linear needs a vector input, but \"{_currentId}\" has shape {shape}; call Flatten() first.");
        }

        Positive(outFeatures, nameof(outFeatures));
        var spec = weights ?? DefaultWeights;
        var levels = ActivationLevels(activationBits, signedActivations, activationZeroPoint);
        int inFeatures = shape.Channels;
        var values = DrawWeights(spec, outFeatures, inFeatures);
        var means = new double[outFeatures];
        var variances = new double[outFeatures];
        for (int i = 0; i < inFeatures; i++)
        {
            int group = statistics.GroupOf(i, shape);
            double mean = statistics.Mean(group);
            double variance = statistics.Variance(group);
            for (int o = 0; o < outFeatures; o++)
            {
                double w = values[(o * inFeatures) + i];
                means[o] += w * mean;
                variances[o] += w * w * variance;
            }
        }

        var negated = DrawNegatedChannels(outFeatures, negatedFraction);
        var (requantization, output) = ThresholdPlacement.Place(levels, means, variances, negated, 1, UniformThresholds);
        var layer = new LinearLayer(
            NextId("fc"),
            new[] { _currentId },
            TensorShape.Vector(outFeatures),
            inFeatures,
            outFeatures,
            PackedWeights.Pack(spec.Encoding, spec.Bits, values),
            requantization);
        return Append(layer, output);
    }

    /// <summary>
    /// A residual block: runs <paramref name="block"/> on this builder from the current tensor x, then
    /// adds <c>add(x, block(x))</c> with random non-zero multipliers from {1, 2, 3, −1} (or the given
    /// ones) and requantizes the sum to <paramref name="activationBits"/>. The block must keep the shape.
    /// </summary>
    public ModelBuilder Residual(
        Func<ModelBuilder, ModelBuilder> block,
        int activationBits = 2,
        bool signedActivations = false,
        int activationZeroPoint = 0,
        (int First, int Second)? multipliers = null,
        double negatedFraction = 0)
    {
        if (block is null)
        {
            throw new ArgumentNullException(nameof(block));
        }

        var (shape, skip) = Current;
        var skipId = _currentId;
        if (!ReferenceEquals(block(this), this))
        {
            throw new InvalidOperationException("A residual block must return the builder it was given.");
        }

        var (blockShape, body) = Current;
        if (!blockShape.Equals(shape))
        {
            throw new InvalidOperationException($"A residual block must keep the shape {shape}, but it produced {blockShape}.");
        }

        var (first, second) = multipliers ?? (
            AddMultiplierChoices[_random.Next(AddMultiplierChoices.Length)],
            AddMultiplierChoices[_random.Next(AddMultiplierChoices.Length)]);
        if (first == 0 || second == 0)
        {
            throw new ArgumentException("Add multipliers must be non-zero.", nameof(multipliers));
        }

        var levels = ActivationLevels(activationBits, signedActivations, activationZeroPoint);
        int channels = shape.Channels;
        var means = new double[channels];
        var variances = new double[channels];
        for (int c = 0; c < channels; c++)
        {
            int a = skip.GroupOf(c, shape);
            int b = body.GroupOf(c, shape);
            means[c] = (first * skip.Mean(a)) + (second * body.Mean(b));
            variances[c] = (first * first * skip.Variance(a)) + (second * second * body.Variance(b));
        }

        var negated = DrawNegatedChannels(channels, negatedFraction);
        var (requantization, output) = ThresholdPlacement.Place(levels, means, variances, negated, shape.Rank == 3 ? shape.Height * shape.Width : 1, UniformThresholds);
        var layer = new AddLayer(NextId("add"), new[] { skipId, _currentId }, shape, first, second, requantization);
        return Append(layer, output);
    }

    /// <summary>
    /// The manifest: the last layer (which must be conv2d or linear) gets a float output with random
    /// per-channel scale in [0.01, 0.1] and bias in [−1, 1]. Throws <see cref="InvalidOperationException"/>
    /// for a model that cannot be built or does not validate. Calling it again gives the same manifest.
    /// </summary>
    public ModelManifest Build()
    {
        if (_input is null)
        {
            throw new InvalidOperationException("Call Input or InputVector and add layers before Build().");
        }

        if (_layers.Count == 0)
        {
            throw new InvalidOperationException("A model needs at least one layer; the last must be Conv2d or Linear.");
        }

        var last = _layers[_layers.Count - 1];
        int channels = last.OutputShape.Channels;
        var random = new Random(unchecked((Seed * 31) + _layers.Count));
        var scale = new float[channels];
        var bias = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            scale[c] = (float)(0.01 + (0.09 * random.NextDouble()));
            bias[c] = (float)((2 * random.NextDouble()) - 1);
        }

        var output = new FloatOutput(scale, bias);
        Layer head = last switch
        {
            Conv2dLayer conv => new Conv2dLayer(conv.Id, conv.Inputs, conv.OutputShape, conv.InChannels, conv.OutChannels, conv.Window, conv.Groups, conv.Weights, output),
            LinearLayer linear => new LinearLayer(linear.Id, linear.Inputs, linear.OutputShape, linear.InFeatures, linear.OutFeatures, linear.Weights, output),
            _ => throw new InvalidOperationException(
                $"The last layer produces the model's float output, so it must be Conv2d or Linear; \"{last.Id}\" is {last.Op.ToName()}. Add a Conv2d or Linear layer before Build()."),
        };

        var layers = _layers.Take(_layers.Count - 1).Append(head).ToArray();
        var manifest = new ModelManifest(Name, new Producer(ProducerName, ProducerVersion), _input, layers);
        var errors = ManifestValidator.Validate(manifest, Name);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The built model is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        return manifest;
    }

    /// <summary>For each kernel offset, the fraction of output positions at which it reads a real (unpadded) element.</summary>
    private static double[] ValidFractions(int kernel, int stride, int padBefore, int inputSize, int outputSize)
    {
        var fractions = new double[kernel];
        for (int k = 0; k < kernel; k++)
        {
            int valid = 0;
            for (int o = 0; o < outputSize; o++)
            {
                int position = (o * stride) - padBefore + k;
                if (position >= 0 && position < inputSize)
                {
                    valid++;
                }
            }

            fractions[k] = valid / (double)outputSize;
        }

        return fractions;
    }

    private static double Power(double value, int exponent)
    {
        double result = 1;
        for (int i = 0; i < exponent; i++)
        {
            result *= value;
        }

        return result;
    }

    private static int Positive(int value, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "Expected at least 1.");

    private static LevelFormat ActivationLevels(int bits, bool signed, int zeroPoint)
    {
        if (bits < LevelFormat.MinBits || bits > LevelFormat.MaxBits)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, $"Activation bits must be {LevelFormat.MinBits} to {LevelFormat.MaxBits}.");
        }

        // The scale is informational (integer inference never reads it); one step of a [0, 1] range.
        var levels = new LevelFormat(bits, signed, zeroPoint, 1f / ((1 << bits) - 1));
        return zeroPoint >= levels.Min && zeroPoint <= levels.Max
            ? levels
            : throw new ArgumentOutOfRangeException(nameof(zeroPoint), zeroPoint, $"The zero point must be a level of {levels} ({levels.Min} to {levels.Max}).");
    }

    private ModelBuilder SetInput(TensorShape shape, int bits, bool signed, int zeroPoint, float? scale)
    {
        if (_input is not null)
        {
            throw new InvalidOperationException("The input is already set.");
        }

        var format = ActivationLevels(bits, signed, zeroPoint);
        float inputScale = scale ?? format.Scale;
        if (!(inputScale > 0) || float.IsInfinity(inputScale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), inputScale, "The input scale must be finite and > 0.");
        }

        _input = new InputSpec(shape, format with { Scale = inputScale });
        int elementsPerGroup = shape.Rank == 3 ? shape.Height * shape.Width : 1;
        _tensors[ManifestFormat.InputId] = (shape, LevelStatistics.Uniform(_input.Levels, shape.Channels, elementsPerGroup));
        return this;
    }

    private (TensorShape Shape, LevelStatistics Statistics) RequireFeatureMap(string method)
    {
        var current = Current;
        return current.Shape.Rank == 3
            ? current
            : throw new InvalidOperationException($"{method} needs a [channels, height, width] feature map, but \"{_currentId}\" is a vector of {current.Shape.Channels}.");
    }

    private (int Height, int Width) OutputSize(Window2d window, TensorShape shape, string method, bool poolPadding)
    {
        if (window.KernelHeight < 1 || window.KernelWidth < 1 || window.StrideHeight < 1 || window.StrideWidth < 1
            || window.PadTop < 0 || window.PadLeft < 0 || window.PadBottom < 0 || window.PadRight < 0)
        {
            throw new ArgumentException($"{method}: kernel and stride must be ≥ 1 and padding ≥ 0; found {window}.", nameof(window));
        }

        if (poolPadding && (window.PadTop > window.KernelHeight / 2 || window.PadBottom > window.KernelHeight / 2
            || window.PadLeft > window.KernelWidth / 2 || window.PadRight > window.KernelWidth / 2))
        {
            throw new ArgumentException($"{method}: pooling padding may be at most half the kernel; found {window}.", nameof(window));
        }

        int height = window.OutputHeight(shape.Height);
        int width = window.OutputWidth(shape.Width);
        return height >= 1 && width >= 1
            ? (height, width)
            : throw new ArgumentException($"{method}: the window {window} does not fit the padded {shape.Height}×{shape.Width} input \"{_currentId}\".", nameof(window));
    }

    private sbyte[] DrawWeights(WeightSpec spec, int rows, int fanIn)
    {
        var values = new sbyte[rows * fanIn];
        for (int r = 0; r < rows; r++)
        {
            bool anyNonZero = false;
            for (int i = 0; i < fanIn; i++)
            {
                var w = spec.Draw(_random);
                values[(r * fanIn) + i] = w;
                anyNonZero |= w != 0;
            }

            // A row of zeros would make the channel constant; give it one non-zero weight.
            while (!anyNonZero)
            {
                var w = spec.Draw(_random);
                values[(r * fanIn) + _random.Next(fanIn)] = w;
                anyNonZero = w != 0;
            }
        }

        return values;
    }

    private int[] DrawNegatedChannels(int channels, double fraction)
    {
        if (fraction < 0 || fraction > 1 || double.IsNaN(fraction))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "negatedFraction must be from 0 to 1.");
        }

        if (fraction == 0)
        {
            return Array.Empty<int>();
        }

        var negated = Enumerable.Range(0, channels).Where(_ => _random.NextDouble() < fraction).ToList();
        if (negated.Count == 0)
        {
            negated.Add(_random.Next(channels));
        }

        return negated.ToArray();
    }

    private string NextId(string prefix) => prefix + (_layers.Count + 1).ToString(CultureInfo.InvariantCulture);

    private ModelBuilder Append(Layer layer, LevelStatistics statistics)
    {
        _layers.Add(layer);
        _tensors[layer.Id] = (layer.OutputShape, statistics);
        _currentId = layer.Id;
        return this;
    }
}
