using LowBit.Manifest;

namespace LowBit.Onnx.Import;

/// <summary>A layer producing an int32 accumulator whose requantization the next quantizer (or the graph output) decides.</summary>
internal interface IPendingAccumulator
{
    SourceNode Node { get; }

    int OutChannels { get; }

    /// <summary>Stem of the manifest layer id ("linear", "conv", "add").</summary>
    string IdStem { get; }

    /// <summary>The smallest and largest manifest accumulator of a channel, from the real bitwidths.</summary>
    (long Low, long High) Range(int channel);

    /// <summary>
    /// The largest |accumulator| of the manifest layer for any input levels (<see cref="AccumulatorBounds"/>): a level
    /// the graph never reaches gets threshold Bound + 1, unreachable for every input of the manifest too.
    /// </summary>
    long Bound { get; }

    /// <summary>The real value the graph's float computation approximates, in double: the start of the channel's float32 steps.</summary>
    double Real(long accumulator, int channel);

    Layer Emit(string id, Requantization requantization);

    /// <summary>One phrase for the import log.</summary>
    string Describe();
}
