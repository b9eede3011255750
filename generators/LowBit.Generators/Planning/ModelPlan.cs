using System.Collections.Generic;
using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>Everything the emitter writes, decided once per model at generation time.</summary>
internal sealed class ModelPlan
{
    public ModelPlan(ModelManifest manifest, string sourcePath, string className, string @namespace, bool optimizedBuild, TensorLayout input, IReadOnlyList<LayerPlan> layers, IReadOnlyList<int> bufferSizes, int patchLength, int sumsLength)
    {
        Manifest = manifest;
        SourcePath = sourcePath;
        ClassName = className;
        Namespace = @namespace;
        OptimizedBuild = optimizedBuild;
        Input = input;
        Layers = layers;
        BufferSizes = bufferSizes;
        PatchLength = patchLength;
        SumsLength = sumsLength;
    }

    public ModelManifest Manifest { get; }

    public string SourcePath { get; }

    public string ClassName { get; }

    public string Namespace { get; }

    public TensorLayout Input { get; }

    public IReadOnlyList<LayerPlan> Layers { get; }

    public IReadOnlyList<int> BufferSizes { get; }

    /// <summary>Bytes of the patch scratch buffer (0 when no layer gathers).</summary>
    public int PatchLength { get; }

    /// <summary>Bytes of the zero-point-padded input copy the GEMM layers share (0 when none pads).</summary>
    public int PaddedLength { get; init; }

    /// <summary>
    /// Whether large constant arrays are written as packed text (DataEmitter.WritePacked). Packed text lives in
    /// the assembly's user-string heap, which holds at most 16 MB; a model whose weights could pass
    /// <see cref="PackedTextBudget"/> there keeps numeric literals (slower to compile, no limit).
    /// </summary>
    public bool PacksLargeData { get; init; } = true;

    /// <summary>Bytes of user-string heap one model's packed text may take, leaving room for the rest of the assembly.</summary>
    public const long PackedTextBudget = 14L * 1024 * 1024;

    /// <summary>Bytes of the packed bit image (and its nibble-shifted copy) the binary GEMM layers share (0 when none is binary).</summary>
    public int BitsLength { get; init; }

    /// <summary>Ints of raw GEMM accumulators per kernel call (0 when every GEMM layer requantizes on registers).</summary>
    public int RawLength { get; init; }

    /// <summary>Ints of the pooling sum scratch buffer (0 when no layer averages).</summary>
    public int SumsLength { get; }

    public int InputLength => Manifest.Input.Shape.Length;

    public int OutputLength => Manifest.OutputLayer.OutputShape.Length;

    public bool IsClassifier => Manifest.OutputLayer.OutputShape.Rank == 1;

    /// <summary>Whether the build is optimized; decides how constant data is emitted (see <see cref="DataEmitter"/>).</summary>
    public bool OptimizedBuild { get; }
}
