using System;

namespace LowBit.Benchmarks;

/// <summary>
/// Bytes a generated model's Predict allocates on the calling thread. BenchmarkDotNet's MemoryDiagnoser
/// runs in-process here and counts every thread of the process, so it also shows the runtime's own
/// background allocations, in proportion to the time measured; this counts only the caller's.
/// </summary>
internal static class AllocationProbe
{
    /// <summary>Bytes per call, rounded up so that any allocation at all shows.</summary>
    public static long BytesPerCall(string model, int calls = 100) => (BytesOver(model, calls) + calls - 1) / calls;

    /// <summary>Bytes the model's Predict allocates on this thread over <paramref name="calls"/> calls, after a warm-up.</summary>
    public static long BytesOver(string model, int calls)
    {
        var generated = ModelRegistry.Create(model);
        var input = InputData.For(generated.InputLength);
        var output = new float[generated.OutputLength];
        for (int i = 0; i < 20; i++)
        {
            generated.Predict(input, output);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            generated.Predict(input, output);
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
