using static LowBit.Generators.CodeWriter;

namespace LowBit.Generators;

/// <summary>Emits a depthwise conv2d as LowBitGemm.DepthwiseBlock calls: per output row, one call per pair of 16-channel blocks.</summary>
internal static class DepthwiseLayerEmitter
{
    public static void Emit(CodeWriter w, LayerPlan layer)
    {
        var dot = layer.Dot!;
        var plan = layer.Depthwise!;
        string name = layer.MethodName;
        using (w.Block($"private void {name}(ReadOnlySpan<byte> input, Span<byte> output)"))
        {
            WindowLoopEmitter.EmitSource(w, dot, plan.Geometry);
            w.Line($"ref sbyte weights = ref Unsafe.As<ulong, sbyte>(ref MemoryMarshal.GetReference({name}Weights));");
            VectorRequantizationEmitter.DeclareReferences(w, name, plan.Requantization);
            w.Line("ref byte target = ref MemoryMarshal.GetReference(output);");
            WindowLoopEmitter.EmitCalls(w, dot, plan.Geometry, (input, output, _) =>
            {
                for (int b = 0; b < plan.Blocks; b += 2)
                {
                    // Blocks in pairs: the AVX-512 kernel holds 32 channels in one register (a lone last block, 16).
                    int first = b * 16;
                    int channels = System.Math.Min(32, plan.Channels - first);
                    string window = VectorRequantizationEmitter.At(input, first);
                    w.Line($"LowBitGemm.DepthwiseBlockPair(ref {window}, pixels: {plan.Geometry.PixelsPerCall}, pixelStride: {plan.Geometry.PixelStride}, rows: {plan.Rows}, rowStride: {plan.Geometry.RowStride}, columns: {plan.Columns}, channelStride: {plan.Channels}, weights: ref {VectorRequantizationEmitter.At("weights", first)}, weightStride: {plan.PaddedChannels}, int16Sums: {(plan.Int16Sums ? "true" : "false")}, {VectorRequantizationEmitter.Arguments(plan.Requantization, b)}, output: ref {VectorRequantizationEmitter.At(output!, first)}, outputStride: {plan.Channels}, channels: {channels});");
                }
            });
        }
    }

    public static void WriteData(CodeWriter w, ModelPlan model, LayerPlan layer)
    {
        var plan = layer.Depthwise!;
        DataEmitter.WriteBytes(w, $"{layer.MethodName}Weights", plan.Weights, $"Depthwise weights as int8 [tap {plan.Rows * plan.Columns} = ky·{plan.Columns} + kx][channel {plan.PaddedChannels}], zero beyond {plan.Channels} channels.", model);
        VectorRequantizationEmitter.WriteData(w, layer.MethodName, plan.Requantization, model.OptimizedBuild);
    }

    /// <summary>The header line describing the kernel.</summary>
    public static string Describe(DepthwisePlan plan) =>
        $"{plan.Rows * plan.Columns} taps per channel, 16 channels per vector (32 in pairs of blocks on AVX-512), {(plan.Int16Sums ? "int16 window sums (proved from the weights)" : "int32 window sums")}, {plan.Geometry.PixelsPerCall} pixel(s) per call × {plan.Geometry.Calls}; {plan.Requantization.Describe()}";
}
