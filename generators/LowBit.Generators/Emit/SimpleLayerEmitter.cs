using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>Emits the layers without weights: pooling, flatten and residual add, as calls with baked-in constants.</summary>
internal static class SimpleLayerEmitter
{
    public static void Emit(CodeWriter w, LayerPlan layer)
    {
        var input = layer.Inputs[0];
        var output = layer.Output!;
        string name = layer.MethodName;
        switch (layer.Layer)
        {
            case MaxPool2dLayer maxPool:
                using (w.Block($"private void {name}(ReadOnlySpan<byte> input, Span<byte> output)"))
                {
                    var p = maxPool.Window;
                    w.Line($"LowBitLayerKernels.MaxPool(input, output, {input.Height}, {input.Width}, {input.Channels}, {p.KernelHeight}, {p.KernelWidth}, {p.StrideHeight}, {p.StrideWidth}, {p.PadTop}, {p.PadLeft}, {output.Height}, {output.Width});");
                }

                break;
            case AvgPool2dLayer avgPool:
                using (w.Block($"private void {name}(ReadOnlySpan<byte> input, Span<byte> output)"))
                {
                    var p = avgPool.Window;
                    w.Line($"LowBitLayerKernels.AvgPool(input, output, _sums, {input.Height}, {input.Width}, {input.Channels}, {p.KernelHeight}, {p.KernelWidth}, {p.StrideHeight}, {p.StrideWidth}, {p.PadTop}, {p.PadLeft}, {output.Height}, {output.Width}, {input.StoredZero}, {input.Levels.Min});");
                }

                break;
            case GlobalAvgPoolLayer:
                using (w.Block($"private void {name}(ReadOnlySpan<byte> input, Span<byte> output)"))
                {
                    w.Line($"LowBitLayerKernels.GlobalAvgPool(input, output, _sums, {input.Pixels}, {input.Channels}, {input.Levels.Min});");
                }

                break;
            case FlattenLayer:
                using (w.Block($"private void {name}(ReadOnlySpan<byte> input, Span<byte> output)"))
                {
                    if (layer.FlattenKeepsHwc)
                    {
                        w.Line("// Kept in HWC order: the linear layers that read it have their weights permuted to match, so no transpose.");
                        w.Line($"input.Slice(0, {input.Length}).CopyTo(output);");
                    }
                    else
                    {
                        w.Line($"LowBitLayerKernels.Flatten(input, output, {input.Pixels}, {input.Channels});");
                    }
                }

                break;
            case AddLayer add:
                EmitAdd(w, layer, add);
                break;
        }
    }

    private static void EmitAdd(CodeWriter w, LayerPlan layer, AddLayer add)
    {
        var plan = layer.Add!;
        var output = layer.Output!;
        string name = layer.MethodName;
        int perChannel = (1 << plan.Bits) - 1;
        bool hasNegated = System.Array.IndexOf(plan.Negated, true) >= 0;
        using (w.Block($"private void {name}(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> output)"))
        {
            if (plan.Requantization is { Mode: not EpilogueMode.Raw } vector)
            {
                VectorRequantizationEmitter.DeclareReferences(w, name, vector);
                w.Line("ref byte a = ref MemoryMarshal.GetReference(first);");
                w.Line("ref byte b = ref MemoryMarshal.GetReference(second);");
                w.Line("ref byte target = ref MemoryMarshal.GetReference(output);");
                // Blocks in pairs: the AVX-512 kernel holds 32 channels' int16 sums in one register when they provably fit.
                string int16Sums = plan.AccumulatorBound <= short.MaxValue ? "true" : "false";
                for (int block = 0; block < vector.Blocks; block += 2)
                {
                    int start = block * VectorRequantization.BlockChannels;
                    int channels = System.Math.Min(2 * VectorRequantization.BlockChannels, output.Channels - start);
                    w.Line($"LowBitGemm.AddBlockPair(ref {VectorRequantizationEmitter.At("a", start)}, ref {VectorRequantizationEmitter.At("b", start)}, pixels: {output.Pixels}, pixelStride: {output.Channels}, firstMultiplier: {add.FirstMultiplier}, secondMultiplier: {add.SecondMultiplier}, int16Sums: {int16Sums}, {VectorRequantizationEmitter.Arguments(vector, block)}, output: ref {VectorRequantizationEmitter.At("target", start)}, channels: {channels});");
                }

                return;
            }

            w.Line($"ref int thresholds = ref MemoryMarshal.GetReference({name}Thresholds);");
            using (w.Block($"for (int p = 0; p < {output.Pixels}; p++)"))
            {
                using (w.Block($"for (int c = 0; c < {output.Channels}; c++)"))
                {
                    w.Line($"int i = (p * {output.Channels}) + c;");
                    w.Line($"int acc = ({add.FirstMultiplier} * first[i]) + ({add.SecondMultiplier} * second[i]);");
                    string value = hasNegated ? $"acc * {name}Signs[c]" : "acc";
                    w.Line($"output[i] = LowBitLayerKernels.Requantize({value}, ref Unsafe.Add(ref thresholds, c * {perChannel}), {plan.Bits});");
                }
            }
        }
    }
}
