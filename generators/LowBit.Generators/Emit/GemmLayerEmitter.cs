using System.Linq;
using LowBit.Manifest;
using static LowBit.Generators.CodeWriter;

namespace LowBit.Generators;

/// <summary>
/// Emits a conv2d (groups = 1) or linear layer as calls of the LowBitGemm microkernels: an optional copy
/// into a zero-point-padded buffer, then per call (an output row, or every pixel at once when rows are
/// contiguous) one kernel call per block of 16 output channels with every shape constant baked in.
/// </summary>
internal static class GemmLayerEmitter
{
    public static void Emit(CodeWriter w, LayerPlan layer)
    {
        var dot = layer.Dot!;
        var gemm = layer.Gemm!;
        string name = layer.MethodName;
        string outputType = dot.FloatOutput is null ? "Span<byte>" : "Span<float>";
        using (w.Block($"private void {name}(ReadOnlySpan<byte> input, {outputType} output)"))
        {
            if (gemm.Binary is { } binary)
            {
                BinaryGemmEmitter.EmitSource(w, layer, binary);
            }
            else
            {
                WindowLoopEmitter.EmitSource(w, dot, gemm.Geometry);
                w.Line($"ref sbyte weights = ref Unsafe.As<ulong, sbyte>(ref MemoryMarshal.GetReference({name}Weights));");
            }

            if (gemm.Requantization is { } requantization)
            {
                VectorRequantizationEmitter.DeclareReferences(w, name, requantization);
            }

            if (gemm.Mode == EpilogueMode.Raw)
            {
                w.Line("ref int raw = ref MemoryMarshal.GetArrayDataReference(_raw);");
            }

            if (gemm.SignedShift is not null)
            {
                w.Line($"ref int shift = ref MemoryMarshal.GetReference({name}SignedShift);");
            }

            if (dot.FloatOutput is null)
            {
                w.Line("ref byte target = ref MemoryMarshal.GetReference(output);");
            }

            if (BinaryGemmEmitter.WalksAllRows(gemm))
            {
                w.Line($"// Each block's call walks all {gemm.Binary!.Geometry.Calls} output rows.");
                EmitCall(w, layer, "source", "target", "0");
            }
            else
            {
                WindowLoopEmitter.EmitCalls(w, dot, gemm.Binary?.Geometry ?? gemm.Geometry, (input, output, firstPixel) => EmitCall(w, layer, input, output ?? "target", firstPixel));
            }
        }
    }

    /// <summary>One call's blocks: unrolled, so each block's channel count and data offsets are constants.</summary>
    private static void EmitCall(CodeWriter w, LayerPlan layer, string input, string output, string firstPixel)
    {
        var dot = layer.Dot!;
        var gemm = layer.Gemm!;
        int pairs = gemm.Mode == EpilogueMode.Raw || gemm.Binary is not null ? 0 : gemm.OutChannels / (2 * GemmPlan.BlockChannels);
        for (int pair = 0; pair < pairs; pair++)
        {
            int b = 2 * pair;
            int first = b * GemmPlan.BlockChannels;
            w.Line($"// Channels {first}–{first + (2 * GemmPlan.BlockChannels) - 1}.");
            string pairEpilogue = VectorRequantizationEmitter.Arguments(gemm.Requantization, b);
            w.Line($"LowBitGemm.BlockPair(ref {input}, pixels: {gemm.Geometry.PixelsPerCall}, pixelStride: {gemm.Geometry.PixelStride}, rows: {gemm.Rows}, rowStride: {gemm.Geometry.RowStride}, quads: {gemm.Quads}, weights: ref {At("weights", b * gemm.BlockWeightBytes)}, blockWeightBytes: {gemm.BlockWeightBytes}, quadsPerWiden: {gemm.QuadsPerWiden}, activationBits: {dot.Input.Levels.Bits}, {pairEpilogue}, output: ref {At(output, first)}, outputStride: {dot.OutChannels}, shift: ref {Shift(gemm, first)});");
        }

        for (int b = 2 * pairs; b < gemm.Blocks; b++)
        {
            int channels = System.Math.Min(GemmPlan.BlockChannels, gemm.OutChannels - (b * GemmPlan.BlockChannels));
            int first = b * GemmPlan.BlockChannels;
            w.Line($"// Channels {first}–{first + channels - 1}.");
            string weights = At("weights", b * gemm.BlockWeightBytes);
            string epilogue = VectorRequantizationEmitter.Arguments(gemm.Requantization, b);
            string target = gemm.Mode == EpilogueMode.Raw ? "ref Unsafe.NullRef<byte>()" : $"ref {At(output, first)}";
            string raw = gemm.Mode == EpilogueMode.Raw ? "ref raw" : "ref Unsafe.NullRef<int>()";
            w.Line(gemm.Binary is { } binary
                ? BinaryGemmEmitter.KernelCall(gemm, binary, b, input, epilogue, target, dot.OutChannels, channels, raw)
                : $"LowBitGemm.Block(ref {input}, pixels: {gemm.Geometry.PixelsPerCall}, pixelStride: {gemm.Geometry.PixelStride}, rows: {gemm.Rows}, rowStride: {gemm.Geometry.RowStride}, quads: {gemm.Quads}, weights: ref {weights}, quadsPerWiden: {gemm.QuadsPerWiden}, activationBits: {dot.Input.Levels.Bits}, {epilogue}, output: {target}, outputStride: {dot.OutChannels}, channels: {channels}, raw: {raw}, shift: ref {Shift(gemm, first)});");
            if (gemm.Mode != EpilogueMode.Raw)
            {
                continue;
            }

            if (dot.FloatOutput is not null)
            {
                string correction = dot.OffsetCorrection.Any(c => c != 0) ? $"{layer.MethodName}Correction" : "default";
                int plane = dot.Layer is LinearLayer ? 1 : dot.OutputHeight * dot.OutputWidth;
                w.Line($"LowBitLayerKernels.FloatOutputs(_raw, {gemm.Geometry.PixelsPerCall}, {first}, {channels}, {correction}, {layer.MethodName}Scale, {layer.MethodName}Bias, output, {firstPixel}, {plane});");
            }
            else
            {
                string signs = dot.HasNegated ? $"{layer.MethodName}Signs" : "default";
                w.Line($"LowBitLayerKernels.RequantizeRaw(_raw, {gemm.Geometry.PixelsPerCall}, {first}, {channels}, {signs}, {layer.MethodName}Thresholds, {dot.OutputBits}, ref {output}, {dot.OutChannels});");
            }
        }
    }

    private static string At(string reference, int offset) => VectorRequantizationEmitter.At(reference, offset);

    private static string Shift(GemmPlan gemm, int first) => gemm.SignedShift is null ? "Unsafe.NullRef<int>()" : At("shift", first);

    /// <summary>The layer's constant data for the GEMM kernels.</summary>
    public static void WriteData(CodeWriter w, ModelPlan model, LayerPlan layer)
    {
        var dot = layer.Dot!;
        var gemm = layer.Gemm!;
        string name = layer.MethodName;
        string rowOrder = dot.Layer is LinearLayer ? "k = input feature" : $"a row's k = kx·{dot.Input.Channels} + channel";
        if (gemm.Binary is { } binary)
        {
            BinaryGemmEmitter.WriteData(w, model, name, binary, rowOrder);
        }
        else
        {
            DataEmitter.WriteBytes(w, $"{name}Weights", gemm.Weights, $"Weights as int8 [block {gemm.Blocks} of 16 channels][window row {gemm.Rows}][k-group {gemm.Quads}][channel 16][4], {rowOrder} over {gemm.RowBytes} bytes; padding is 0.", model);
        }

        if (gemm.Requantization is { } requantization)
        {
            VectorRequantizationEmitter.WriteData(w, name, requantization, model.OptimizedBuild);
        }

        if (gemm.SignedShift is { } shift)
        {
            w.Line();
            DataEmitter.WriteInts(w, $"{name}SignedShift", shift, GemmPlan.BlockChannels, "128 · Σw per channel: ARM SDOT reads the 8-bit activations as signed bytes a − 128, and this restores the sum.", model.OptimizedBuild);
        }

        switch (gemm.Mode)
        {
            case EpilogueMode.Thresholds:
            case EpilogueMode.Affine:
                break;
            default:
                if (dot.FloatOutput is not null)
                {
                    LayerFileEmitter.WriteFloatOutputData(w, name, dot, model.OptimizedBuild);
                }
                else
                {
                    w.Line();
                    DataEmitter.WriteInts(w, $"{name}Thresholds", dot.Thresholds, (1 << dot.OutputBits) - 1, $"{(1 << dot.OutputBits) - 1} thresholds per output channel against sign · accumulator (no closed form is exact).", model.OptimizedBuild);
                    if (dot.HasNegated)
                    {
                        w.Line();
                        DataEmitter.WriteInts(w, $"{name}Signs", dot.Negated.Select(n => n ? -1 : 1).ToArray(), 32, "−1 for channels whose accumulator is negated before comparison.", model.OptimizedBuild);
                    }
                }

                break;
        }
    }
}
