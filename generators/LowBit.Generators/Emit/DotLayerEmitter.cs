using System.Linq;
using LowBit.Manifest;
using static LowBit.Generators.CodeWriter;

namespace LowBit.Generators;

/// <summary>
/// Emits a conv2d or linear layer: loops over output pixels with every shape constant baked in, the
/// patch gather unrolled over the kernel window, and the output channels in blocks of four rows handed
/// to <c>LowBitDotKernels.Dot4</c>, whose constant arguments let the JIT specialize it per layer.
/// </summary>
internal static class DotLayerEmitter
{
    /// <summary>
    /// Unroll the window gather up to this many positions (5×5). A 7×7 unroll (49 calls) made the layer
    /// method too large for the JIT to inline the dot kernel, which then lost its constant arguments.
    /// </summary>
    private const int MaxUnrolledWindow = 25;

    /// <summary>Unroll the channel blocks up to this many; beyond, a loop keeps the file small.</summary>
    private const int MaxUnrolledBlocks = 4;

    /// <summary>
    /// Whether a store reads the <c>Signs</c> array: only stores whose channel is not a constant (grouped
    /// layers, looped blocks). Unrolled stores of an ungrouped layer negate the accumulator in place.
    /// </summary>
    public static bool ReadsSignsArray(DotLayerPlan dot) =>
        dot.HasNegated && (dot.Groups > 1 || dot.PaddedOutChannelsPerGroup / 4 > MaxUnrolledBlocks);

    public static void Emit(CodeWriter w, LayerPlan layer)
    {
        var dot = layer.Dot!;
        if (dot.IsDepthwise)
        {
            EmitDepthwise(w, layer);
            return;
        }

        string name = layer.MethodName;
        string outputType = dot.FloatOutput is null ? "Span<byte>" : "Span<float>";
        using (w.Block($"private void {name}(ReadOnlySpan<byte> input, {outputType} output)"))
        {
            if (!dot.ReadsInputDirectly)
            {
                w.Line("ref byte patch = ref MemoryMarshal.GetArrayDataReference(_patch);");
            }

            w.Line($"ref sbyte weights = ref Unsafe.As<ulong, sbyte>(ref MemoryMarshal.GetReference({name}Weights));");
            if (dot.RequantizesOneAtATime)
            {
                w.Line($"ref int thresholds = ref MemoryMarshal.GetReference({name}Thresholds);");
            }

            if (dot.HasInterleavedThresholds)
            {
                w.Line($"ref int thresholds4 = ref MemoryMarshal.GetReference({name}Thresholds4);");
            }

            if (dot.Layer is LinearLayer)
            {
                w.Line("ref byte patch = ref MemoryMarshal.GetReference(input);");
                EmitGroups(w, layer);
                return;
            }

            EmitPixelLoops(w, dot, () =>
            {
                if (dot.ReadsInputDirectly)
                {
                    w.Line($"ref byte patch = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), ((iy * {dot.Input.Width}) + ix) * {dot.Input.Channels});");
                }

                EmitGroups(w, layer);
            });
        }
    }

    /// <summary>A depthwise layer: per output pixel, every channel's window sum at once, then requantization of the row of channels.</summary>
    private static void EmitDepthwise(CodeWriter w, LayerPlan layer)
    {
        var dot = layer.Dot!;
        string name = layer.MethodName;
        using (w.Block($"private void {name}(ReadOnlySpan<byte> input, Span<byte> output)"))
        {
            w.Line($"ref sbyte weights = ref Unsafe.As<ulong, sbyte>(ref MemoryMarshal.GetReference({name}Weights));");
            string signs = ReadsSignsArray(dot) ? $"{name}Signs" : "default";
            string thresholds = dot.RequantizesOneAtATime ? $"{name}Thresholds" : "default";
            string thresholds4 = dot.HasInterleavedThresholds ? $"{name}Thresholds4" : "default";
            EmitPixelLoops(w, dot, () =>
            {
                w.Line($"LowBitLayerKernels.DepthwiseSums(input, ref weights, _sums, iy, ix, {dot.Input.Height}, {dot.Input.Width}, {dot.OutChannels}, {dot.KernelHeight}, {dot.KernelWidth}, {dot.Input.StoredZero});");
                w.Line($"LowBitLayerKernels.RequantizeChannels(_sums, {signs}, {thresholds}, {thresholds4}, {dot.OutputBits}, output.Slice(pixel * {dot.OutChannels}, {dot.OutChannels}));");
            });
        }
    }

    /// <summary>The loops over output pixels, with the window origin (iy, ix) and the pixel index in scope for <paramref name="body"/>.</summary>
    private static void EmitPixelLoops(CodeWriter w, DotLayerPlan dot, System.Action body)
    {
        var window = dot.Window!;
        using (w.Block($"for (int oy = 0; oy < {dot.OutputHeight}; oy++)"))
        {
            w.Line($"int iy = {Affine("oy", window.StrideHeight, -window.PadTop)};");
            using (w.Block($"for (int ox = 0; ox < {dot.OutputWidth}; ox++)"))
            {
                w.Line($"int ix = {Affine("ox", window.StrideWidth, -window.PadLeft)};");
                w.Line($"int pixel = (oy * {dot.OutputWidth}) + ox;");
                body();
            }
        }
    }

    private static void EmitGroups(CodeWriter w, LayerPlan layer)
    {
        var dot = layer.Dot!;
        if (dot.Groups == 1)
        {
            EmitGroup(w, layer, "0");
            return;
        }

        using (w.Block($"for (int g = 0; g < {dot.Groups}; g++)"))
        {
            EmitGroup(w, layer, "g");
        }
    }

    private static void EmitGroup(CodeWriter w, LayerPlan layer, string group)
    {
        var dot = layer.Dot!;
        if (!dot.ReadsInputDirectly)
        {
            EmitGather(w, dot, group);
        }

        int blocks = dot.PaddedOutChannelsPerGroup / 4;
        int fullBlocks = dot.OutChannelsPerGroup / 4;
        if (blocks <= MaxUnrolledBlocks)
        {
            for (int b = 0; b < blocks; b++)
            {
                EmitBlock(w, layer, group, Int(b), rowsInBlock: System.Math.Min(4, dot.OutChannelsPerGroup - (b * 4)), constantBlock: b);
            }

            return;
        }

        using (w.Block($"for (int b = 0; b < {fullBlocks}; b++)"))
        {
            EmitBlock(w, layer, group, "b", rowsInBlock: 4, constantBlock: null);
        }

        if (fullBlocks < blocks)
        {
            EmitBlock(w, layer, group, Int(fullBlocks), rowsInBlock: dot.OutChannelsPerGroup - (fullBlocks * 4), constantBlock: fullBlocks);
        }
    }

    private static void EmitGather(CodeWriter w, DotLayerPlan dot, string group)
    {
        int cg = dot.InChannelsPerGroup;
        string channelStart = group == "0" ? "0" : $"g * {cg}";
        string args = $"{dot.Input.Height}, {dot.Input.Width}, {dot.Input.Channels}, {channelStart}, {cg}, {dot.Input.StoredZero}";
        if (dot.KernelHeight * dot.KernelWidth <= MaxUnrolledWindow)
        {
            for (int ky = 0; ky < dot.KernelHeight; ky++)
            {
                for (int kx = 0; kx < dot.KernelWidth; kx++)
                {
                    int offset = ((ky * dot.KernelWidth) + kx) * cg;
                    w.Line($"LowBitLayerKernels.GatherPixel(input, ref Unsafe.Add(ref patch, {offset}), iy + {ky}, ix + {kx}, {args});");
                }
            }

            return;
        }

        using (w.Block($"for (int ky = 0; ky < {dot.KernelHeight}; ky++)"))
        {
            using (w.Block($"for (int kx = 0; kx < {dot.KernelWidth}; kx++)"))
            {
                w.Line($"LowBitLayerKernels.GatherPixel(input, ref Unsafe.Add(ref patch, ((ky * {dot.KernelWidth}) + kx) * {cg}), iy + ky, ix + kx, {args});");
            }
        }
    }

    private static void EmitBlock(CodeWriter w, LayerPlan layer, string group, string block, int rowsInBlock, int? constantBlock)
    {
        var dot = layer.Dot!;
        bool constantGroup = group == "0";
        string rowExpression = Sum(constantGroup ? null : $"g * {dot.PaddedOutChannelsPerGroup}", Product(block, 4, constantBlock));
        string weightOffset = Scale(rowExpression, dot.PaddedK);
        int activationBits = dot.Input.Levels.Bits;
        w.Line($"LowBitDotKernels.Dot4(ref patch, ref Unsafe.Add(ref weights, {weightOffset}), {dot.PaddedK}, {dot.PaddedK}, {activationBits}, {dot.MaxProduct}, out int a{Suffix(block)}0, out int a{Suffix(block)}1, out int a{Suffix(block)}2, out int a{Suffix(block)}3);");
        var channels = new string[rowsInBlock];
        var constantChannels = new int?[rowsInBlock];
        for (int r = 0; r < rowsInBlock; r++)
        {
            constantChannels[r] = constantGroup && constantBlock is int cb ? (cb * 4) + r : null;
            channels[r] = constantChannels[r] is int cc
                ? Int(cc)
                : Sum(constantGroup ? null : $"g * {dot.OutChannelsPerGroup}", Sum(Product(block, 4, constantBlock), r == 0 ? null : Int(r)));
        }

        if (dot.RequantizesFourAtOnce && rowsInBlock == 4)
        {
            EmitStoreFour(w, layer, block, constantBlock, channels, constantChannels);
            return;
        }

        for (int r = 0; r < rowsInBlock; r++)
        {
            EmitStore(w, layer, $"a{Suffix(block)}{r}", channels[r], constantChannels[r]);
        }
    }

    private static void EmitStoreFour(CodeWriter w, LayerPlan layer, string block, int? constantBlock, string[] channels, int?[] constantChannels)
    {
        var dot = layer.Dot!;
        int perChannel = (1 << dot.OutputBits) - 1;
        var signed = Enumerable.Range(0, 4).Select(r => SignedAccumulator(layer, $"a{Suffix(block)}{r}", channels[r], constantChannels[r]));
        string outputIndex = dot.Layer is LinearLayer ? channels[0] : $"(pixel * {dot.OutChannels}) + {Paren(channels[0])}";
        string thresholdOffset = constantBlock is int cb ? Int(cb * perChannel * 4) : $"{block} * {perChannel * 4}";
        w.Line($"LowBitLayerKernels.Requantize4({string.Join(", ", signed)}, ref Unsafe.Add(ref thresholds4, {thresholdOffset}), {perChannel}, ref Unsafe.Add(ref MemoryMarshal.GetReference(output), {outputIndex}));");
    }

    private static string SignedAccumulator(LayerPlan layer, string accumulator, string channel, int? constantChannel)
    {
        var dot = layer.Dot!;
        return !dot.HasNegated
            ? accumulator
            : constantChannel is int cc ? (dot.Negated[cc] ? "-" + accumulator : accumulator) : $"{accumulator} * {layer.MethodName}Signs[{channel}]";
    }

    private static void EmitStore(CodeWriter w, LayerPlan layer, string accumulator, string channel, int? constantChannel)
    {
        var dot = layer.Dot!;
        string name = layer.MethodName;
        if (dot.FloatOutput is not null)
        {
            bool hasCorrection = dot.OffsetCorrection.Any(c => c != 0);
            string value = hasCorrection ? $"{accumulator} + {name}Correction[{channel}]" : accumulator;
            string index = dot.Layer is LinearLayer ? channel : $"({Paren(channel)} * {dot.OutputHeight * dot.OutputWidth}) + pixel";
            w.Line($"output[{index}] = LowBitLayerKernels.ToFloat({value}, {name}Scale[{channel}], {name}Bias[{channel}]);");
            return;
        }

        string signed = SignedAccumulator(layer, accumulator, channel, constantChannel);
        int perChannel = (1 << dot.OutputBits) - 1;
        string outputIndex = dot.Layer is LinearLayer ? channel : $"(pixel * {dot.OutChannels}) + {Paren(channel)}";
        w.Line($"output[{outputIndex}] = LowBitLayerKernels.Requantize({signed}, ref Unsafe.Add(ref thresholds, {Scale(channel, perChannel)}), {dot.OutputBits});");
    }

    private static string Suffix(string block) => block == "b" ? string.Empty : block;

    private static string Affine(string variable, int scale, int offset)
    {
        string scaled = scale == 1 ? variable : $"{variable} * {scale}";
        return offset == 0 ? scaled : offset > 0 ? $"{scaled} + {offset}" : $"{scaled} - {-offset}";
    }

    private static string? Product(string block, int factor, int? constant) => constant is int c ? (c == 0 ? null : Int(c * factor)) : $"{block} * {factor}";

    private static string Sum(string? left, string? right) =>
        left is null ? right ?? "0" : right is null ? left : $"{left} + {right}";

    private static string Scale(string expression, int factor) =>
        int.TryParse(expression, out var value) ? Int((long)value * factor) : $"({expression}) * {factor}";

    private static string Paren(string expression) => int.TryParse(expression, out _) ? expression : $"({expression})";
}
