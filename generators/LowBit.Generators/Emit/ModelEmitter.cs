using System.Linq;
using LowBit.Manifest;
using static LowBit.Generators.CodeWriter;

namespace LowBit.Generators;

/// <summary>Writes a model's main file: constants, scratch buffers, <c>Predict</c>, <c>Classify</c> and the layer sequence.</summary>
internal static class ModelEmitter
{
    public static void WriteFilePreamble(CodeWriter w)
    {
        w.Line("#nullable enable");
        w.Line();
    }

    public static void WriteUsings(CodeWriter w)
    {
        w.Line("using System;");
        w.Line("using System.Runtime.CompilerServices;");
        w.Line("using System.Runtime.InteropServices;");
        w.Line("using global::LowBit.Generated;");
        w.Line();
    }

    public static string Emit(ModelPlan model)
    {
        var w = new CodeWriter();
        WriteHeader(w, model);
        WriteFilePreamble(w);
        var manifest = model.Manifest;
        var input = manifest.Input;
        using (w.Block($"namespace {model.Namespace}"))
        {
            WriteUsings(w);
            w.Line("/// <summary>");
            w.Line($"/// The LowBit model \"{CodeWriter.Xml(manifest.Name)}\" compiled from {CodeWriter.Xml(System.IO.Path.GetFileName(model.SourcePath))}: integer-only inference,");
            w.Line("/// bit-exact with LowBit's reference interpreter. Allocates nothing per call; an instance is not thread-safe");
            w.Line("/// (it owns its scratch buffers), so use one instance per thread.");
            w.Line("/// </summary>");
            w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"{GeneratorInfo.Name}\", \"{GeneratorInfo.Version}\")]");
            using (w.Block($"public sealed partial class {model.ClassName} : ILowBitModel"))
            {
                WriteMembers(w, model);
            }
        }

        return w.ToString();
    }

    private static void WriteMembers(CodeWriter w, ModelPlan model)
    {
        var manifest = model.Manifest;
        var inputShape = manifest.Input.Shape;
        var outputShape = manifest.OutputLayer.OutputShape;
        w.Line($"/// <summary>Floats per input sample: shape {inputShape} (channel-major).</summary>");
        w.Line($"public const int InputLength = {model.InputLength};");
        w.Line();
        w.Line($"/// <summary>Floats per output: shape {outputShape}.</summary>");
        w.Line($"public const int OutputLength = {model.OutputLength};");
        w.Line();
        w.Line("/// <summary>The model's name in its manifest.</summary>");
        w.Line($"public const string ModelName = \"{manifest.Name}\";");
        w.Line();
        for (int b = 0; b < model.BufferSizes.Count; b++)
        {
            var holders = string.Join(", ", new[] { model.Input }.Concat(model.Layers.Select(l => l.Output)).Where(t => t is not null && t.Buffer == b).Select(t => t!.Id));
            w.Line($"private readonly byte[] _buffer{b} = new byte[{model.BufferSizes[b]}]; // {holders}");
        }

        InputQuantizerEmitter.WriteData(w, model);

        if (model.PatchLength > 0)
        {
            w.Line($"private readonly byte[] _patch = new byte[{model.PatchLength}];");
        }

        if (model.PaddedLength > 0)
        {
            w.Line($"private readonly byte[] _padded = new byte[{model.PaddedLength}];");
        }

        if (model.BitsLength > 0)
        {
            w.Line($"private readonly byte[] _bits = new byte[{model.BitsLength}];");
        }

        if (model.RawLength > 0)
        {
            w.Line($"private readonly int[] _raw = new int[{model.RawLength}];");
        }

        if (model.SumsLength > 0)
        {
            w.Line($"private readonly int[] _sums = new int[{model.SumsLength}];");
        }

        if (model.IsClassifier)
        {
            w.Line("private readonly float[] _scores = new float[OutputLength];");
        }

        w.Line("private int _batchCapacity = 1;");
        for (int b = 0; b < model.BufferSizes.Count; b++)
        {
            w.Line($"private byte[] _batch{b} = Array.Empty<byte>();");
        }

        EmitConstructor(w, model);

        w.Line();
        WriteInterfaceProperties(w);
        WritePredict(w, model);
        w.Line();
        WriteBatchPredict(w, model);
        if (model.IsClassifier)
        {
            w.Line();
            WriteClassify(w);
        }
    }

    /// <summary>ILowBitModel's properties, answered by the class's constants.</summary>
    public static void WriteInterfaceProperties(CodeWriter w)
    {
        w.Line("string ILowBitModel.Name => ModelName;");
        w.Line();
        w.Line("int ILowBitModel.InputLength => InputLength;");
        w.Line();
        w.Line("int ILowBitModel.OutputLength => OutputLength;");
        w.Line();
    }

    private static void WritePredict(CodeWriter w, ModelPlan model)
    {
        var levels = model.Manifest.Input.Levels;
        w.Line("/// <summary>");
        w.Line("/// Runs the model on one sample. Throws <see cref=\"ArgumentException\"/> when a span has the wrong length, or when");
        w.Line("/// the input holds a NaN (the message names the first one's index): NaN has no quantized level. ±∞ saturate to");
        w.Line("/// the lowest and highest input levels, as the integer contract's clamp says.");
        w.Line("/// </summary>");
        w.Line("[MethodImpl(MethodImplOptions.AggressiveOptimization)]");
        using (w.Block("public void Predict(ReadOnlySpan<float> input, Span<float> output)"))
        {
            using (w.Block("if (input.Length != InputLength)"))
            {
                w.Line($"throw new ArgumentException($\"Expected an input of length {{InputLength}} (shape {model.Manifest.Input.Shape}), found {{input.Length}}.\", nameof(input));");
            }

            w.Line();
            using (w.Block("if (output.Length != OutputLength)"))
            {
                w.Line($"throw new ArgumentException($\"Expected an output of length {{OutputLength}} (shape {model.Manifest.OutputLayer.OutputShape}), found {{output.Length}}.\", nameof(output));");
            }

            w.Line();
            w.Line("LowBitInputCheck.RejectNaN(input, nameof(input));");
            var input = model.Input;
            w.Line($"// Input quantizer: level = round-half-even(clamp(x / {Float(levels.Scale)}, {levels.Min - levels.ZeroPoint}, {levels.Max - levels.ZeroPoint})) + {levels.ZeroPoint}, stored as level − ({levels.Min}).");
            w.Line(InputQuantizerEmitter.Call(model, "input", $"_buffer{input.Buffer}"));
            foreach (var layer in model.Layers)
            {
                var arguments = layer.Inputs.Select(t => $"_buffer{t.Buffer}").ToList();
                arguments.Add(layer.Output is null ? "output" : $"_buffer{layer.Output.Buffer}");
                w.Line($"{layer.MethodName}({string.Join(", ", arguments)}); // {layer.Layer.Id}: {layer.Layer.Op.ToName()} → {layer.Layer.OutputShape}");
            }
        }
    }

    /// <summary>
    /// The batched Predict: the same layer methods, each run for every sample before the next layer starts, on
    /// per-sample slices of batch buffers (each slice the size of the single-sample buffer, slack included).
    /// </summary>
    private static void WriteBatchPredict(CodeWriter w, ModelPlan model)
    {
        var levels = model.Manifest.Input.Levels;
        w.Line("/// <summary>");
        w.Line("/// Runs the model on <paramref name=\"batch\"/> samples stored one after another in <paramref name=\"inputs\"/> (and");
        w.Line("/// <paramref name=\"outputs\"/>), layer by layer over the whole batch so each layer's weights stay in cache across");
        w.Line("/// samples; bit-identical to calling <see cref=\"Predict(ReadOnlySpan{float}, Span{float})\"/> per sample. The first call");
        w.Line("/// with a larger batch than before allocates the batch buffers; later calls allocate nothing. For several cores,");
        w.Line("/// give each worker its own instance and its own part of the batch. A NaN input is an <see cref=\"ArgumentException\"/>");
        w.Line("/// naming its index in <paramref name=\"inputs\"/>.");
        w.Line("/// </summary>");
        using (w.Block("public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs, int batch)"))
        {
            using (w.Block("if (batch < 1)"))
            {
                w.Line("throw new ArgumentOutOfRangeException(nameof(batch), batch, \"Expected a batch of at least one sample.\");");
            }

            w.Line();
            using (w.Block("if (inputs.Length != batch * InputLength)"))
            {
                w.Line("throw new ArgumentException($\"Expected {batch} × {InputLength} input floats, found {inputs.Length}.\", nameof(inputs));");
            }

            w.Line();
            using (w.Block("if (outputs.Length != batch * OutputLength)"))
            {
                w.Line("throw new ArgumentException($\"Expected {batch} × {OutputLength} output floats, found {outputs.Length}.\", nameof(outputs));");
            }

            w.Line();
            using (w.Block("if (batch == 1)"))
            {
                w.Line("Predict(inputs, outputs);");
                w.Line("return;");
            }

            w.Line();
            w.Line("LowBitInputCheck.RejectNaN(inputs, nameof(inputs));");

            w.Line();
            using (w.Block("if (batch > _batchCapacity || _batch0.Length == 0)"))
            {
                for (int b = 0; b < model.BufferSizes.Count; b++)
                {
                    w.Line($"_batch{b} = new byte[{model.BufferSizes[b]} * batch];");
                }

                w.Line("_batchCapacity = batch;");
            }

            w.Line();
            string Slice(TensorLayout tensor) => $"_batch{tensor.Buffer}.AsSpan(s * {model.BufferSizes[tensor.Buffer]}, {model.BufferSizes[tensor.Buffer]})";
            var input = model.Input;
            using (w.Block("for (int s = 0; s < batch; s++)"))
            {
                w.Line(InputQuantizerEmitter.Call(model, "inputs.Slice(s * InputLength, InputLength)", Slice(input)));
            }

            foreach (var layer in model.Layers)
            {
                var arguments = layer.Inputs.Select(Slice).ToList();
                arguments.Add(layer.Output is null ? "outputs.Slice(s * OutputLength, OutputLength)" : Slice(layer.Output));
                using (w.Block("for (int s = 0; s < batch; s++)"))
                {
                    w.Line($"{layer.MethodName}({string.Join(", ", arguments)}); // {layer.Layer.Id}");
                }
            }
        }
    }

    private static void WriteClassify(CodeWriter w)
    {
        w.Line("/// <summary>Runs the model and returns the index of the largest output (the first one on ties).</summary>");
        using (w.Block("public int Classify(ReadOnlySpan<float> input)"))
        {
            w.Line("Predict(input, _scores);");
            w.Line("int best = 0;");
            using (w.Block("for (int i = 1; i < OutputLength; i++)"))
            {
                using (w.Block("if (_scores[i] > _scores[best])"))
                {
                    w.Line("best = i;");
                }
            }

            w.Line();
            w.Line("return best;");
        }
    }

    private static void WriteHeader(CodeWriter w, ModelPlan model)
    {
        var manifest = model.Manifest;
        w.Line("// <auto-generated>");
        w.Line($"//   Model:    {manifest.Name}, compiled from {System.IO.Path.GetFileName(model.SourcePath)}");
        if (manifest.Checksum is { } checksum)
        {
            w.Line($"//   Checksum: {checksum}");
        }

        w.Line($"//   Producer: {manifest.Producer.Name} {manifest.Producer.Version}");
        w.Line($"//   Input:    {manifest.Input.Shape} float32, quantized to {manifest.Input.Levels}; output {manifest.OutputLayer.OutputShape} float32");
        w.Line("//   Layers (one file each):");
        foreach (var layer in model.Layers)
        {
            w.Line($"//     {layer.Index,3}  {layer.Layer.Id,-16} {LayerDescriptions.Describe(layer.Layer)} → {layer.Layer.OutputShape}");
        }

        w.Line($"//   Generated by {GeneratorInfo.Name} {GeneratorInfo.Version}. Do not edit: change the manifest and rebuild.");
        w.Line("// </auto-generated>");
    }

    /// <summary>
    /// A constructor that loads the model: it writes every work buffer once and reads a value per page of every
    /// layer's constant data. Fresh arrays of the large-object heap and the assembly's data section sit on pages the OS
    /// has not mapped yet, and a page fault costs microseconds in a VM: without this the first Predict pays hundreds.
    /// </summary>
    private static void EmitConstructor(CodeWriter w, ModelPlan model)
    {
        var buffers = Enumerable.Range(0, model.BufferSizes.Count).Select(b => $"_buffer{b}").ToList();
        if (model.PatchLength > 0)
        {
            buffers.Add("_patch");
        }

        if (model.PaddedLength > 0)
        {
            buffers.Add("_padded");
        }

        if (model.BitsLength > 0)
        {
            buffers.Add("_bits");
        }

        if (model.RawLength > 0)
        {
            buffers.Add("_raw");
        }

        if (model.SumsLength > 0)
        {
            buffers.Add("_sums");
        }

        w.Line();
        w.Line("/// <summary>Creates the model and maps its memory (work buffers written once, constant data read once), so the first Predict does not pay the page faults.</summary>");
        using (w.Block($"public {model.ClassName}()"))
        {
            foreach (var buffer in buffers)
            {
                w.Line($"Array.Clear({buffer});");
            }

            foreach (var layer in model.Layers.Where(LayerFileEmitter.HasConstantData))
            {
                w.Line($"{LayerFileEmitter.FaultInMethod(layer)}();");
            }
        }
    }
}
