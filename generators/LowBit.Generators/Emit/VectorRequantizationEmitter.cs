using static LowBit.Generators.CodeWriter;

namespace LowBit.Generators;

/// <summary>Writes a <see cref="VectorRequantization"/>: its data, the references a layer method takes to it, and the epilogue arguments per block.</summary>
internal static class VectorRequantizationEmitter
{
    /// <summary>Locals <c>thresholds</c>/<c>signs</c> or <c>scales</c>/<c>offsets</c> referencing the layer's data.</summary>
    public static void DeclareReferences(CodeWriter w, string name, VectorRequantization plan)
    {
        switch (plan.Mode)
        {
            case EpilogueMode.Thresholds:
                w.Line($"ref int thresholds = ref MemoryMarshal.GetReference({name}Thresholds);");
                w.Line(plan.SignMasks is null ? "ref int signs = ref Unsafe.NullRef<int>();" : $"ref int signs = ref MemoryMarshal.GetReference({name}SignMasks);");
                if (plan.Thresholds16 is not null)
                {
                    w.Line($"ref short thresholds16 = ref MemoryMarshal.GetReference({name}Thresholds16);");
                }

                break;
            case EpilogueMode.Affine:
                w.Line($"ref double scales = ref MemoryMarshal.GetReference({name}Scales);");
                w.Line($"ref double offsets = ref MemoryMarshal.GetReference({name}Offsets);");
                break;
        }
    }

    /// <summary>LowBitGemm's (mode, thresholds, count, scales, offsets, signs) arguments for one block of 16 channels.</summary>
    public static string Arguments(VectorRequantization? plan, int block)
    {
        int first = block * VectorRequantization.BlockChannels;
        return plan?.Mode switch
        {
            EpilogueMode.Thresholds => $"mode: LowBitGemm.Thresholds, thresholds: ref {At("thresholds", block * plan.ThresholdCount * VectorRequantization.BlockChannels)}, thresholdCount: {plan.ThresholdCount}, scales: ref Unsafe.NullRef<double>(), offsets: ref Unsafe.NullRef<double>(), signs: ref {(plan.SignMasks is null ? "signs" : At("signs", first))}, thresholds16: ref {(plan.Thresholds16 is null ? "Unsafe.NullRef<short>()" : At("thresholds16", block * plan.ThresholdCount * VectorRequantization.BlockChannels))}",
            EpilogueMode.Affine => $"mode: LowBitGemm.Affine, thresholds: ref Unsafe.NullRef<int>(), thresholdCount: {plan.ThresholdCount}, scales: ref {At("scales", first)}, offsets: ref {At("offsets", first)}, signs: ref Unsafe.NullRef<int>(), thresholds16: ref Unsafe.NullRef<short>()",
            _ => "mode: LowBitGemm.Raw, thresholds: ref Unsafe.NullRef<int>(), thresholdCount: 0, scales: ref Unsafe.NullRef<double>(), offsets: ref Unsafe.NullRef<double>(), signs: ref Unsafe.NullRef<int>(), thresholds16: ref Unsafe.NullRef<short>()",
        };
    }

    /// <summary>The data of the vector modes (the raw mode's scalar thresholds are the caller's).</summary>
    public static void WriteData(CodeWriter w, string name, VectorRequantization plan, bool optimized)
    {
        switch (plan.Mode)
        {
            case EpilogueMode.Thresholds:
                w.Line();
                DataEmitter.WriteInts(w, $"{name}Thresholds", plan.Thresholds, VectorRequantization.BlockChannels, $"[block][threshold {plan.ThresholdCount}][channel 16]: T − 1 against sign · accumulator (level = number of thresholds exceeded); int.MinValue / MaxValue = always / never reached in the accumulator's range.", optimized);
                if (plan.SignMasks is { } masks)
                {
                    w.Line();
                    DataEmitter.WriteInts(w, $"{name}SignMasks", masks, VectorRequantization.BlockChannels, "−1 for channels whose accumulator is negated before comparison.", optimized);
                }

                if (plan.Thresholds16 is { } narrow)
                {
                    w.Line();
                    DataEmitter.WriteShorts(w, $"{name}Thresholds16", narrow, VectorRequantization.BlockChannels, "The same thresholds clamped to int16 (every accumulator of this layer lies within ±32767): 128-bit epilogues compare 8 channels at a time.", optimized);
                }

                break;
            case EpilogueMode.Affine:
                w.Line();
                DataEmitter.WriteDoubles(w, $"{name}Scales", plan.Scales, $"Closed-form requantization, proved against the thresholds at generation time: level = clamp((int)((double)acc · scale + offset), 0, {plan.ThresholdCount}).", optimized);
                w.Line();
                DataEmitter.WriteDoubles(w, $"{name}Offsets", plan.Offsets, "Offsets of the closed form.", optimized);
                break;
        }
    }

    public static string At(string reference, int offset) => offset == 0 ? reference : $"Unsafe.Add(ref {reference}, {Int(offset)})";
}
