using static TorchSharp.torch;

namespace LowBit.Quantization.Training;

/// <summary>Process-wide TorchSharp settings a reproducible run needs.</summary>
public static class TorchSession
{
    /// <summary>Fix the seed and the number of intra-op threads (libtorch otherwise takes every core,
    /// and 2-core machines then thrash between its threads and .NET's).</summary>
    public static void Seed(int seed, int threads = 2)
    {
        set_num_threads(threads);
        manual_seed(seed);
        random.manual_seed(seed);
    }
}
