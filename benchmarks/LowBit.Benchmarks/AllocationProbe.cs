using System;

namespace LowBit.Benchmarks;

/// <summary>
/// Bytes a generated model's Predict allocates on the calling thread. BenchmarkDotNet's MemoryDiagnoser
/// runs in-process here and counts every thread of the process, so it also shows the runtime's own
/// background allocations, in proportion to the time measured; this counts only the caller's.
/// </summary>
internal static class AllocationProbe
{
    public static long BytesPerCall(string model, int calls = 100)
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

        return (GC.GetAllocatedBytesForCurrentThread() - before) / calls;
    }
}
