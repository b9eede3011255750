using System;
using LowBit.Generated;

namespace LowBit.BitExact;

/// <summary>After construction and one warm-up call, 1,000 Predict calls must allocate nothing, for every model.</summary>
internal static class AllocationCheck
{
    public const int Calls = 1000;

    public static int Run(ILowBitModel[] models)
    {
        int allocating = 0;
        foreach (var model in models)
        {
            var input = new float[model.InputLength];
            var output = new float[model.OutputLength];
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (i % 7) * 0.1f;
            }

            model.Predict(input, output);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < Calls; call++)
            {
                model.Predict(input, output);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated != 0)
            {
                allocating++;
                Console.WriteLine($"ALLOCATES {model.Name}: {allocated} bytes over {Calls} calls");
            }
        }

        Console.WriteLine($"{models.Length} models × {Calls} calls: {allocating} models allocate");
        return allocating == 0 ? 0 : 1;
    }
}
