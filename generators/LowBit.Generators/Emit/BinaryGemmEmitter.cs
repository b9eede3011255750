using System;
using static LowBit.Generators.CodeWriter;

namespace LowBit.Generators;

/// <summary>
/// The parts of a GEMM layer that differ on bits (<see cref="BinaryGemmPlan"/>): packing the input into the
/// model's bit buffer, the LowBitGemm.BinaryBlock calls and the weight bits, word masks and +1 counts.
/// </summary>
internal static class BinaryGemmEmitter
{
    /// <summary>Packs the input and declares <c>source</c> (the bit image) and the data references.</summary>
    public static void EmitSource(CodeWriter w, LayerPlan layer, BinaryGemmPlan plan)
    {
        string name = layer.MethodName;
        w.Line($"// 1-bit activations × ±1 weights: the input packed to bits{(plan.PadTop + plan.PadLeft > 0 ? $" with a border of level {plan.PadBit}" : string.Empty)}, then per 32 k-values one XOR, AND and popcount.");
        w.Line($"LowBitLayerKernels.PackBits(input, _bits, highOffset: {plan.HighOffset}, {plan.Height}, {plan.Width}, {plan.Channels}, top: {plan.PadTop}, left: {plan.PadLeft}, {plan.PaddedHeight}, {plan.PaddedWidth}, padBit: {plan.PadBit});");
        w.Line("ref byte source = ref MemoryMarshal.GetArrayDataReference(_bits);");
        w.Line($"ref uint weights = ref Unsafe.As<ulong, uint>(ref MemoryMarshal.GetReference({name}BitWeights));");
        w.Line($"ref uint weightNibbles = ref Unsafe.As<ulong, uint>(ref MemoryMarshal.GetReference({name}BitWeightNibbles));");
        w.Line($"ref uint masks = ref Unsafe.As<ulong, uint>(ref MemoryMarshal.GetReference({name}WordMasks));");
        w.Line($"ref uint maskNibbles = ref Unsafe.As<ulong, uint>(ref MemoryMarshal.GetReference({name}WordMaskNibbles));");
        w.Line($"ref int positives = ref MemoryMarshal.GetReference({name}Positives);");
    }

    /// <summary>
    /// Whether each block is one kernel call that walks every output row: yes unless the layer keeps raw
    /// accumulators, which the caller converts after each row.
    /// </summary>
    public static bool WalksAllRows(GemmPlan gemm) => gemm.Binary is { Geometry.Calls: > 1 } && gemm.Mode != EpilogueMode.Raw;

    /// <summary>One block's kernel call, every shape constant baked in.</summary>
    public static string KernelCall(GemmPlan gemm, BinaryGemmPlan plan, int block, string input, string epilogue, string target, int outputStride, int channels, string raw)
    {
        var g = plan.Geometry;
        string calls = WalksAllRows(gemm) ? $"calls: {g.Calls}, callStride: {g.InputStepPerCall}, outputCallStride: {g.PixelsPerCall * outputStride}" : "calls: 1, callStride: 0, outputCallStride: 0";
        string weights = VectorRequantizationEmitter.At("weights", block * plan.BlockWords);
        string weightNibbles = VectorRequantizationEmitter.At("weightNibbles", block * plan.BlockNibbleWords);
        string positives = VectorRequantizationEmitter.At("positives", block * GemmPlan.BlockChannels);
        return $"LowBitGemm.BinaryBlock(ref {input}, highOffset: {plan.HighOffset}, {calls}, pixels: {g.PixelsPerCall}, pixelStride: {g.PixelStride}, rows: {plan.Rows}, rowStride: {g.RowStride}, words: {plan.Words}, weights: ref {weights}, weightNibbles: ref {weightNibbles}, masks: ref masks, maskNibbles: ref maskNibbles, positives: ref {positives}, {epilogue}, output: {target}, outputStride: {outputStride}, channels: {channels}, raw: {raw});";
    }

    public static void WriteData(CodeWriter w, ModelPlan model, string name, BinaryGemmPlan plan, string rowOrder)
    {
        DataEmitter.WriteBytes(w, $"{name}BitWeights", AsBytes(plan.Weights), $"Weight bits [w = +1] as uint32 [block {plan.Blocks} of 16 channels][window row {plan.Rows}][word {plan.Words}][channel 16]; bit t of word j is k = 32·j + t of the row ({rowOrder} over {plan.RowBits} bits), 0 past it.", model);
        w.Line();
        DataEmitter.WriteBytes(w, $"{name}BitWeightNibbles", AsBytes(plan.WeightNibbles), "The same words for the x64 nibble kernels, [block][row][word][low nibbles, high nibbles >> 4][channel 16].", model);
        w.Line();
        DataEmitter.WriteBytes(w, $"{name}WordMasks", AsBytes(plan.Masks), "Per word the bits inside the window row, as uint32.", model);
        w.Line();
        DataEmitter.WriteBytes(w, $"{name}WordMaskNibbles", AsBytes(plan.MaskNibbles), "The same masks as [word][low nibbles, high nibbles >> 4] (0x0F0F0F0F0F0F0F0F: all 32 bits).", model);
        w.Line();
        DataEmitter.WriteInts(w, $"{name}Positives", plan.Positives, 16, "Per channel the number of +1 weights: the accumulator is this minus the popcount of the mismatches.", model.OptimizedBuild);
    }

    private static sbyte[] AsBytes(uint[] words)
    {
        var bytes = new sbyte[words.Length * 4];
        Buffer.BlockCopy(words, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
