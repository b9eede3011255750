using System;
using System.Collections.Generic;
using System.Linq;
using LowBit.Manifest;
using LowBit.Onnx.Evaluation;

namespace LowBit.Onnx.Import;

/// <summary>
/// Streamlines a QONNX (Brevitas, FINN) or ONNX QDQ int8 graph into a manifest: constant subgraphs folded, the float steps
/// before the first quantizer folded into the input quantizer, weights to integers, and every scale,
/// bias, BatchNorm and ReLU between an accumulator and the next quantizer folded into integer thresholds
/// derived from the graph's own float32 arithmetic. Anything that cannot be exact is refused with
/// an <see cref="OnnxImportException"/> naming the node.
/// </summary>
public sealed partial class OnnxImporter
{
    private static readonly HashSet<string> ShapeOnly = new() { "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity" };
    private static readonly HashSet<string> Arithmetic = new() { "Add", "Sub", "Mul", "Div" };

    private readonly SourceGraph _graph;
    private readonly ImportOptions _options;
    private readonly GraphFacts _facts;
    private readonly Dictionary<string, ImportSymbol> _symbols = new(StringComparer.Ordinal);
    private readonly List<Layer> _layers = new();
    private readonly List<string> _log = new();
    private readonly Dictionary<string, int> _idCounts = new(StringComparer.Ordinal);
    private readonly HashSet<SourceNode> _foldedClips = new();
    private InputSpec? _input;
    private IReadOnlyList<string> _inputDifferences = Array.Empty<string>();

    private OnnxImporter(SourceGraph graph, ImportOptions options)
    {
        _graph = graph;
        _options = options;
        _facts = GraphFacts.Collect(graph);
    }

    public static ImportResult Import(SourceGraph graph, ImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(graph);
        try
        {
            if (options.Approximate is null)
            {
                return new OnnxImporter(graph, options).Run();
            }

            if (!IsQuantized(graph))
            {
                return ApproximateImport.Run(graph, options, exactRefusal: null);
            }

            try
            {
                return new OnnxImporter(graph, options).Run();
            }
            catch (OnnxImportException exact)
            {
                return ApproximateImport.Run(graph, options, exact.Message);
            }
        }
        catch (OnnxImportException e) when (!e.Message.StartsWith(graph.File, StringComparison.Ordinal))
        {
            throw new OnnxImportException($"{graph.File}: {e.Message}", e);
        }
    }

    private ImportResult Run()
    {
        RequireQuantization();
        var source = _graph.Inputs[0];
        _symbols[source.Name] = new FloatInputSymbol(_facts.Shapes[source.Name], Array.Empty<ChannelStep>(), Array.Empty<string>());
        int folded = 0;
        foreach (var node in _graph.Nodes)
        {
            if (node.Outputs.All(_facts.Constants.ContainsKey))
            {
                folded++;
                continue;
            }

            Streamline(node);
        }

        _log.Insert(0, $"read {_graph.Nodes.Count} nodes (opset {_graph.OnnxOpset}, producer '{_graph.Producer}'); {folded} constant nodes folded (shape arithmetic, weight quantizers, transposes)");
        if (_graph.Outputs.Count != 1)
        {
            throw new OnnxImportException($"the graph has {_graph.Outputs.Count} outputs; the manifest has one.");
        }

        var output = _symbols.TryGetValue(_graph.Outputs[0].Name, out var symbol) ? symbol : null;
        if (output is not AccumulatorSymbol scores)
        {
            throw new OnnxImportException($"graph output '{_graph.Outputs[0].Name}' is {(output is LevelsSymbol ? "quantized levels" : "not computed by a layer")}; the manifest ends in a MatMul/Gemm/Conv whose float scores it outputs.");
        }

        _layers.Add(EmitOutput(scores));
        var manifest = new ModelManifest(_options.ModelName, new Producer("lowbit-import", typeof(OnnxImporter).Assembly.GetName().Version?.ToString() ?? "0"), _input!, _layers.ToArray());
        var errors = ManifestValidator.Validate(manifest, _graph.File);
        if (errors.Count > 0)
        {
            throw new OnnxImportException($"the imported model is not a valid manifest: {errors[0]}");
        }

        return new ImportResult(manifest, _log, _inputDifferences);
    }

    /// <summary>
    /// A graph without a single quantizer is a float network (qonnx's mnist-conv and residual_block test files
    /// are): its first Conv/MatMul/Gemm multiplies float32 by float32, which no integer model computes exactly.
    /// </summary>
    private void RequireQuantization()
    {
        if (IsQuantized(_graph))
        {
            return;
        }

        const string Reason = "the graph has no quantizer (no Quant, BipolarQuant, MultiThreshold, QuantizeLinear, QLinearConv, QLinearMatMul, ConvInteger or MatMulInteger node)";
        const string Remedy = "Quantize it first (e.g. Brevitas to QONNX, or ONNX Runtime's quantizer to QDQ), or import with --approximate to quantize it to 8 bits and measure the difference.";
        var dot = _graph.Nodes.FirstOrDefault(n => n.Is("Conv") || n.Is("MatMul") || n.Is("Gemm"));
        throw dot is null
            ? new OnnxImportException($"{Reason}: a float network, which no integer model computes exactly. {Remedy}")
            : OnnxImportException.AtNode(dot, $"{Reason}, so this {dot.OpType} multiplies float32 input '{dot.Inputs[0]}' by float32 weights '{dot.Inputs[1]}': a float network, which no integer model computes exactly. {Remedy}");
    }

    private static bool IsQuantized(SourceGraph graph) => graph.Nodes.Any(n => ActivationQuantizer.IsQuantizer(n) || IntegerOperator.Of(n) is not null);

    private void Streamline(SourceNode node)
    {
        var dynamicInputs = node.Inputs.Where(name => !_facts.IsConstant(name)).Distinct().ToArray();
        if (node.Is("Add") && dynamicInputs.Length == 2 && _symbols.GetValueOrDefault(node.Inputs[0]) is LevelsSymbol first && _symbols.GetValueOrDefault(node.Inputs[1]) is LevelsSymbol second)
        {
            if (!first.Shape.SequenceEqual(second.Shape))
            {
                throw OnnxImportException.AtNode(node, $"adds [{string.Join(", ", first.Shape)}] and [{string.Join(", ", second.Shape)}]; a residual add needs equal shapes.");
            }

            _symbols[node.Output] = new AccumulatorSymbol(new PendingAdd(node, first, second), first.Shape, Array.Empty<ChannelStep>(), Array.Empty<string>());
            return;
        }

        if (dynamicInputs.Length != 1)
        {
            throw OnnxImportException.AtNode(node, $"{dynamicInputs.Length} of its inputs depend on the model input; the import takes one computed input per node, or an Add of two quantized tensors.");
        }

        var symbol = _symbols.TryGetValue(dynamicInputs[0], out var s)
            ? s
            : throw OnnxImportException.AtNode(node, $"input '{dynamicInputs[0]}' was not produced by a node the import understood.");
        var result = (symbol, node.Domain, node.OpType) switch
        {
            (FloatInputSymbol or AccumulatorSymbol, _, _) when ActivationQuantizer.IsQuantizer(node) => Quantize(node, symbol),
            (_, OperatorDomain.Onnx, var op) when ShapeOnly.Contains(op) => Reshape(node, symbol),
            (LevelsSymbol levels, OperatorDomain.Onnx, "QuantizeLinear") => SameQuantization(node, levels),
            (LevelsSymbol levels, OperatorDomain.Onnx, "DequantizeLinear") => Dequantize(node, levels),
            (LevelsSymbol levels, OperatorDomain.Onnx, "Clip") when _foldedClips.Contains(node) => levels,
            (AccumulatorSymbol acc, OperatorDomain.Onnx, "Clip") => acc.Then(new ClampStep(ClipBound(node, 1, "min", float.NegativeInfinity), ClipBound(node, 2, "max", float.PositiveInfinity)), node.Name),
            (_, OperatorDomain.Onnx, var op) when Arithmetic.Contains(op) => ApplyConstant(node, symbol),
            (AccumulatorSymbol acc, OperatorDomain.Onnx, "BatchNormalization") => acc.Then(BatchNorm(node), node.Name),
            (AccumulatorSymbol acc, OperatorDomain.Onnx, "Relu") => acc.Then(new ReluStep(), node.Name),
            (LevelsSymbol levels, OperatorDomain.Onnx, "Relu") when levels.Beta >= 0 && levels.Alpha > 0 => levels,
            (FloatInputSymbol input, OperatorDomain.Onnx, "Relu") => new FloatInputSymbol(input.Shape, input.Steps.Append(new ReluStep()).ToArray(), input.Folded.Append(node.Name).ToArray()),
            (LevelsSymbol levels, OperatorDomain.Onnx, _) when IntegerOperator.Of(node) is { } integer => IntegerOperation(node, levels, integer),
            (AccumulatorSymbol acc, OperatorDomain.Onnx, "Cast") => CastToFloat(node, acc),
            (LevelsSymbol levels, OperatorDomain.Onnx, "MatMul" or "Gemm") => Linear(node, levels),
            (LevelsSymbol levels, OperatorDomain.Onnx, "Conv") => Convolution(node, levels),
            (LevelsSymbol levels, OperatorDomain.Onnx, "MaxPool") => MaxPool(node, levels),
            (LevelsSymbol levels, OperatorDomain.Onnx, "AveragePool") => AveragePool(node, levels),
            (LevelsSymbol levels, OperatorDomain.Onnx, "GlobalAveragePool") => GlobalAveragePool(node, levels),
            (AccumulatorSymbol acc, OperatorDomain.Onnx, "TopK" or "ArgMax") => Classify(node, acc),
            (_, _, "MatMul" or "Gemm" or "Conv" or "QLinearConv" or "QLinearMatMul" or "ConvInteger" or "MatMulInteger") => throw OnnxImportException.AtNode(node, "its input is not quantized; a Quant, BipolarQuant or MultiThreshold must come before every MatMul, Gemm and Conv, and an integer operator takes the output of a QuantizeLinear or of another integer operator."),
            _ => throw OnnxImportException.AtNode(node, $"cannot import this op on {Describe(symbol)}."),
        };
        foreach (var output in node.Outputs)
        {
            _symbols[output] = result;
        }
    }

    private ImportSymbol Quantize(SourceNode node, ImportSymbol symbol)
    {
        int channels = symbol.Shape.Length > 1 ? symbol.Shape[1] : 1;
        if (symbol is AccumulatorSymbol pending && node.Is("QuantizeLinear") && Fusable(pending))
        {
            symbol = Fuse(node, pending);
        }

        var clip = node.Is("QuantizeLinear") ? QcdqClip(node) : null;
        var quantizer = ActivationQuantizer.FromNode(node, _facts, channels, prescaled: symbol is AccumulatorSymbol { Fused: not null }, clip: clip, inputRange: node.IsQonnx("Trunc") ? (symbol as AccumulatorSymbol)?.ValueRange() : null);
        switch (symbol)
        {
            case FloatInputSymbol input when _input is null:
                return QuantizeInput(node, input, quantizer);
            case AccumulatorSymbol accumulator:
                return Requantize(node, accumulator, quantizer, Encoding(node));
            default:
                throw OnnxImportException.AtNode(node, $"quantizes {Describe(symbol)}; only the model input (once) and MatMul/Gemm/Conv results can be quantized.");
        }
    }

    /// <summary>The layer behind <paramref name="accumulator"/>, emitted with the thresholds that reproduce <paramref name="quantizer"/> (at node <paramref name="node"/>).</summary>
    private LevelsSymbol Requantize(SourceNode node, AccumulatorSymbol accumulator, ActivationQuantizer quantizer, (double Scale, double ZeroPoint)? encoding)
    {
        var requantize = ThresholdSearch.Derive(accumulator, quantizer, out int negated);
        if (accumulator.Layer is PendingAveragePool { RoundsInFloat: true } pool)
        {
            AverageRoundingCheck.Require(accumulator, pool, quantizer);
        }

        var layer = Emit(accumulator, requantize);
        _log.Add($"{layer.Id}: {Summary(accumulator)}; then {Folding(accumulator.Folded)}{node.OpType} '{node.Name}' ({quantizer.Description}) → {requantize.ThresholdsPerChannel} integer thresholds per channel, u{quantizer.Bits} output{(negated > 0 ? $", {negated} channels negated" : string.Empty)}");
        return new LevelsSymbol(layer.Id, _facts.Shapes[node.Output], requantize.Levels, quantizer.Alpha, quantizer.Beta, quantizer.Scale, quantizer.LevelCount) { LinearEncoding = encoding };
    }

    /// <summary>
    /// QCDQ (Brevitas below 8 bits): a QuantizeLinear whose only consumer is a Clip with integer bounds; the
    /// clip narrows the quantizer's levels (e.g. int8 clipped to −8 … 7 is a 4-bit tensor).
    /// </summary>
    private (double Low, double High)? QcdqClip(SourceNode quantize)
    {
        var consumers = _graph.Consumers(quantize.Output).ToArray();
        if (consumers.Length != 1 || !consumers[0].Is("Clip"))
        {
            return null;
        }

        var clip = consumers[0];
        double low = ClipBound(clip, 1, "min", float.NegativeInfinity), high = ClipBound(clip, 2, "max", float.PositiveInfinity);
        if (low != Math.Floor(low) || high != Math.Floor(high))
        {
            throw OnnxImportException.AtNode(clip, $"clips quantized integers to non-integer bounds {low} … {high}.");
        }

        _foldedClips.Add(clip);
        return (low, high);
    }

    /// <summary>A Clip bound from input <paramref name="input"/> (opset ≥ 11) or the attribute (older), or <paramref name="none"/>.</summary>
    private float ClipBound(SourceNode clip, int input, string attribute, float none) =>
        clip.Inputs.Count > input && clip.Inputs[input].Length > 0
            ? (float)ChannelConstants.Single(clip, _facts.Constant(clip, input))
            : clip.Attributes.Float(attribute, none);

    /// <summary>ONNX Runtime fuses DequantizeLinear → Conv/Gemm (+ int32 bias) → QuantizeLinear; nothing else may sit between.
    /// ConvInteger/MatMulInteger → Cast → QuantizeLinear is not that pattern: it stays unfused.</summary>
    private static bool Fusable(AccumulatorSymbol accumulator) =>
        accumulator.Layer is PendingLayer { Input.Alpha: 1 } layer && IntegerOperator.Of(layer.Node) is null && accumulator.Steps.Count == (accumulator.IntegerBias is null ? 0 : 1);

    private AccumulatorSymbol Fuse(SourceNode quantize, AccumulatorSymbol accumulator)
    {
        var (outputScale, _, _, _) = LinearQuantization.Read(quantize, _facts);
        var layer = (PendingLayer)accumulator.Layer;
        return accumulator.WithFused(FusedRequantization.For(layer.Input.Scale, layer.Weights.Scale, outputScale, accumulator.IntegerBias ?? new long[layer.OutChannels]));
    }

    /// <summary>
    /// A DequantizeLinear reads the levels' integers with its own scale and zero point: the same ones as the
    /// QuantizeLinear that wrote them (QDQ), or others (the levels as plain integers, as our qcdq export writes them).
    /// </summary>
    private ImportSymbol Dequantize(SourceNode node, LevelsSymbol levels)
    {
        var (scale, zeroPoint, _, _) = LinearQuantization.Read(node, _facts);
        return levels.ReadAs(scale, zeroPoint) ?? SameQuantization(node, levels);
    }

    /// <summary>A re-quantization (after a pool) with the parameters the levels already have changes nothing.</summary>
    private ImportSymbol SameQuantization(SourceNode node, LevelsSymbol levels)
    {
        var (scale, zeroPoint, _, _) = LinearQuantization.Read(node, _facts);
        bool same = levels.LinearEncoding == (scale, zeroPoint);
        return same
            ? levels
            : throw OnnxImportException.AtNode(node, $"re-quantizes levels of scale {levels.Scale:R} to scale {scale:R}, zero point {zeroPoint}; only the same parameters are layout-free.");
    }

    private (double Scale, double ZeroPoint)? Encoding(SourceNode quantizer)
    {
        if (!quantizer.Is("QuantizeLinear"))
        {
            return null;
        }

        var (scale, zeroPoint, _, _) = LinearQuantization.Read(quantizer, _facts);
        return (scale, zeroPoint);
    }

    private ImportSymbol QuantizeInput(SourceNode node, FloatInputSymbol input, ActivationQuantizer quantizer)
    {
        var (levels, differences) = InputQuantizerFit.Fit(input, quantizer);
        if (differences.Count > 0 && !_options.AcceptInputDifferences)
        {
            throw OnnxImportException.AtNode(node, $"the manifest's input quantizer (round half to even of x / s, one grid of 2^bits levels) cannot reproduce this one on every input: {string.Join("; ", differences)}. Import with --accept-input-differences if your inputs avoid these values (MNIST pixels in [0, 1] at 3 decimals do).");
        }

        _inputDifferences = differences;
        var shape = input.Shape.Skip(1).ToArray();
        _input = new InputSpec(new TensorShape(shape.Length == 1 ? shape : shape.Length == 3 ? shape : new[] { shape.Aggregate(1, (p, d) => p * d) }), levels);
        _log.Add($"input {_input.Shape}: {Folding(input.Folded)}{node.OpType} '{node.Name}' ({quantizer.Description}) folded into the input quantizer u{levels.Bits}, scale {levels.Scale:R}, zero point {levels.ZeroPoint}: {(differences.Count == 0 ? "exact for every float32 input" : "differs from the graph where " + string.Join("; ", differences))}");
        return new LevelsSymbol(ManifestFormat.InputId, input.Shape, levels, quantizer.Alpha, quantizer.Beta, quantizer.Scale, quantizer.LevelCount) { LinearEncoding = Encoding(node) };
    }

    private ImportSymbol Reshape(SourceNode node, ImportSymbol symbol)
    {
        var shape = _facts.Shapes[node.Output];
        switch (symbol)
        {
            case FloatInputSymbol input:
                return new FloatInputSymbol(shape, input.Steps, input.Folded.Append(node.Name).ToArray());
            case AccumulatorSymbol accumulator when Squeezed(shape).SequenceEqual(Squeezed(accumulator.Shape)) && shape.Length > 1 && shape[1] == accumulator.Shape[1]:
                return accumulator.Reshaped(shape, node.Name);
            // A [C, 1, 1] map (after a global pool) is flattened too: the manifest's linear layer takes vectors only.
            case LevelsSymbol levels when levels.Shape.Length == 4 && shape.Length == 2:
                string id = NextId("flatten");
                _layers.Add(new FlattenLayer(id, new[] { levels.TensorId }, TensorShape.Vector(shape[1])));
                _log.Add($"{id}: {node.OpType} '{node.Name}' flattens [{string.Join(", ", levels.Shape.Skip(1))}] channel-major");
                return levels.With(id, shape);
            case LevelsSymbol levels when Squeezed(shape).SequenceEqual(Squeezed(levels.Shape)) && (shape.Length <= 2 || levels.Shape.Length == shape.Length):
                return levels.With(levels.TensorId, shape);
            default:
                throw OnnxImportException.AtNode(node, $"reshapes {Describe(symbol)} from [{string.Join(", ", symbol.Shape)}] to [{string.Join(", ", shape)}]; only flattening [N, C, H, W] to [N, C·H·W] and adding or removing size-1 axes are layout-free.");
        }
    }

    private ImportSymbol ApplyConstant(SourceNode node, ImportSymbol symbol)
    {
        int constantIndex = _facts.IsConstant(node.Inputs[0]) ? 0 : 1;
        var constant = _facts.Constant(node, constantIndex);
        bool constantFirst = constantIndex == 0;
        switch (symbol)
        {
            case FloatInputSymbol input:
                var step = new ArithmeticStep(node.OpType, new[] { ChannelConstants.Single(node, constant) }, constantFirst);
                return new FloatInputSymbol(_facts.Shapes[node.Output], input.Steps.Append(step).ToArray(), input.Folded.Append(node.Name).ToArray());
            case AccumulatorSymbol accumulator:
                if (constantFirst && node.OpType == "Div")
                {
                    throw OnnxImportException.AtNode(node, "divides a constant by the accumulator; only accumulator ÷ constant folds.");
                }

                return accumulator.Then(new ArithmeticStep(node.OpType, ChannelConstants.PerChannel(node, constant, accumulator.Shape), constantFirst), node.Name);
            case LevelsSymbol levels when node.OpType is "Mul" or "Div" && !constantFirst:
                double k = ChannelConstants.Single(node, constant);
                return k > 0
                    ? levels.Scaled(node.OpType == "Mul" ? k : 1 / k)
                    : throw OnnxImportException.AtNode(node, $"scales quantized levels by {k}; only a positive scale folds.");
            default:
                throw OnnxImportException.AtNode(node, $"adds an offset to {Describe(symbol)}; offsets fold only into accumulators (before a quantizer) and the input.");
        }
    }

    private BatchNormStep BatchNorm(SourceNode node)
    {
        double[] Channel(int input) => _facts.Constant(node, input).Values;
        return new BatchNormStep(Channel(1), Channel(2), Channel(3), Channel(4), node.Attributes.Float("epsilon", 1e-5f));
    }

    private ImportSymbol Linear(SourceNode node, LevelsSymbol levels)
    {
        if (levels.Shape.Length != 2)
        {
            throw OnnxImportException.AtNode(node, $"multiplies a [{string.Join(", ", levels.Shape)}] tensor; expected [N, features] (flatten first).");
        }

        var (integers, scale, origin) = WeightTracing.Trace(_graph, _facts, node, 1);
        bool transposeA = node.Attributes.Int("transA", 0) != 0;
        if (transposeA)
        {
            throw OnnxImportException.AtNode(node, "transA = 1 would transpose the activations; expected transA = 0.");
        }

        if (node.Attributes.Int("transB", 0) != 0)
        {
            integers = MatrixOps.Transposed(integers);
            scale = MatrixOps.Transposed(scale);
        }

        var weights = WeightTracing.MatrixColumns(node, integers, scale, origin);
        var pending = new PendingLayer(node, levels, weights, null, 1, _facts.Shapes[node.Output]);
        var accumulator = new AccumulatorSymbol(pending, _facts.Shapes[node.Output], Array.Empty<ChannelStep>(), Array.Empty<string>());
        return node.OpType == "Gemm" ? GemmTail(node, accumulator) : accumulator;
    }

    private AccumulatorSymbol GemmTail(SourceNode node, AccumulatorSymbol accumulator)
    {
        float alpha = node.Attributes.Float("alpha", 1f);
        if (alpha != 1f)
        {
            accumulator = accumulator.Then(new ArithmeticStep("Mul", new double[] { alpha }, false), node.Name + ".alpha");
        }

        if (node.Inputs.Count > 2 && node.Inputs[2].Length > 0)
        {
            float beta = node.Attributes.Float("beta", 1f);
            var bias = ChannelConstants.PerChannel(node, _facts.Constant(node, 2), accumulator.Shape).Select(b => (double)((float)b * beta)).ToArray();
            accumulator = accumulator.Then(new ArithmeticStep("Add", bias, false), node.Name + ".bias", beta == 1f && alpha == 1f ? IntegerBias(node, 2, (PendingLayer)accumulator.Layer) : null);
        }

        return accumulator;
    }

    private ImportSymbol Convolution(SourceNode node, LevelsSymbol levels)
    {
        var (integers, scale, origin) = WeightTracing.Trace(_graph, _facts, node, 1);
        var weights = WeightTracing.OutputFirst(node, integers, scale, origin);
        var window = WindowOps.ConvWindow(node, levels.Shape, integers.Shape);
        RequirePaddingLevel(node, levels, window);
        var pending = new PendingLayer(node, levels, weights, window, WindowOps.ConvGroups(node, levels.Shape, integers.Shape), _facts.Shapes[node.Output]);
        var accumulator = new AccumulatorSymbol(pending, _facts.Shapes[node.Output], Array.Empty<ChannelStep>(), Array.Empty<string>());
        return node.Inputs.Count > 2 && node.Inputs[2].Length > 0
            ? accumulator.Then(new ArithmeticStep("Add", _facts.Constant(node, 2).Values, false), node.Name + ".bias", IntegerBias(node, 2, pending))
            : accumulator;
    }

    /// <summary>ONNX pads a conv's input with the graph's 0 (an integer operator with its input zero point); the manifest pads with the level whose value is 0.</summary>
    private static void RequirePaddingLevel(SourceNode node, LevelsSymbol levels, Window2d window)
    {
        bool padded = window.PadTop + window.PadLeft + window.PadBottom + window.PadRight > 0;
        if (padded && (levels.Alpha * levels.Levels.ZeroPoint) + levels.Beta != 0)
        {
            throw OnnxImportException.AtNode(node, "pads an input that has no level for 0 (bipolar ±1 activations, or an input zero point other than the one its quantizer wrote); ONNX pads with 0, the manifest with a level.");
        }
    }

    /// <summary>The int32 values behind a bias that is DequantizeLinear of an int32 constant (zero point 0), else null.</summary>
    /// <summary>
    /// The int32 bias ONNX Runtime adds to the accumulator when it fuses the layer: a DequantizeLinear of int32 values,
    /// zero point 0, whose scale is the accumulator's unit float32(s_x·s_w[c]), as its quantizer writes it. A bias at
    /// another scale (e.g. the layer's input quantizer was replaced) is no accumulator integer: null, the float bias.
    /// </summary>
    private long[]? IntegerBias(SourceNode node, int input, PendingLayer layer)
    {
        var producer = _graph.ProducerOf(node.Inputs[input]);
        if (producer is null || !producer.Is("DequantizeLinear") || !_facts.IsConstant(producer.Inputs[0]) || !_facts.IsConstant(producer.Inputs[1]))
        {
            return null;
        }

        var values = _facts.Constant(producer, 0);
        var scale = _facts.Constant(producer, 1);
        bool zeroFree = producer.Inputs.Count < 3 || producer.Inputs[2].Length == 0 || _facts.Constant(producer, 2).Values.All(z => z == 0);
        bool accumulatorUnits = (scale.Length == 1 || scale.Length == layer.OutChannels) && Enumerable.Range(0, layer.OutChannels)
            .All(c => (float)scale.Values[scale.Length == 1 ? 0 : c] == (float)layer.Input.Scale * (float)layer.Weights.Scale[c]);
        return values.Element == TensorElement.Int32 && zeroFree && accumulatorUnits ? values.Values.Select(v => (long)v).ToArray() : null;
    }

    private ImportSymbol MaxPool(SourceNode node, LevelsSymbol levels)
    {
        if (levels.Alpha <= 0)
        {
            throw OnnxImportException.AtNode(node, "max-pools levels whose real value decreases with the level.");
        }

        var window = WindowOps.PoolWindow(node, levels.Shape);
        var shape = _facts.Shapes[node.Output];
        string id = NextId("maxpool");
        _layers.Add(new MaxPool2dLayer(id, new[] { levels.TensorId }, TensorShape.Chw(shape[1], shape[2], shape[3]), window));
        _log.Add($"{id}: MaxPool '{node.Name}' {window.KernelHeight}×{window.KernelWidth} on levels (max commutes with the monotone quantizer)");
        return levels.With(id, shape);
    }

    private ImportSymbol Classify(SourceNode node, AccumulatorSymbol scores)
    {
        _log.Add($"{node.OpType} '{node.Name}': classification head; the manifest outputs the scores, whose argmax is the class");
        return scores;
    }

    private Layer Emit(AccumulatorSymbol accumulator, Requantization requantization)
    {
        var layer = accumulator.Layer.Emit(NextId(accumulator.Layer.IdStem), requantization);
        _layers.Add(layer);
        return layer;
    }

    private Layer EmitOutput(AccumulatorSymbol accumulator)
    {
        var (output, tiesExact) = OutputAffine.Derive(accumulator);
        var layer = accumulator.Layer.Emit(NextId(accumulator.Layer.IdStem), output);
        string precision = tiesExact
            ? "scores computed exactly from the dot product on a dyadic grid, so the graph's tied scores stay tied"
            : "scores agree with the graph to float rounding";
        _log.Add($"{layer.Id}: {Summary(accumulator)}; then {Folding(accumulator.Folded)}float output, one multiply and one add per channel ({precision})");
        return layer;
    }

    private static string Summary(AccumulatorSymbol accumulator) => accumulator.Layer.Describe();

    private static string Folding(IReadOnlyList<string> folded) => folded.Count == 0 ? string.Empty : $"folded {string.Join(", ", folded.Select(n => $"'{n}'"))}, ";

    private static IEnumerable<int> Squeezed(int[] shape) => shape.Where(d => d != 1);

    private static string Describe(ImportSymbol symbol) => symbol switch
    {
        FloatInputSymbol => "the float model input",
        LevelsSymbol => "quantized levels",
        _ => "an accumulator",
    };

    private string NextId(string stem)
    {
        _idCounts.TryGetValue(stem, out int count);
        _idCounts[stem] = ++count;
        return stem + count;
    }
}
