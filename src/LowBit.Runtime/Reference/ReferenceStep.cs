using System;

namespace LowBit.Runtime.Reference;

/// <summary>
/// One layer of the reference interpreter. Its output buffer holds integer levels, or, for the
/// float-output layer, the raw int32 accumulators that <see cref="ReferenceInterpreter"/> converts.
/// </summary>
internal abstract class ReferenceStep
{
    protected ReferenceStep(int outputLength)
    {
        Output = new int[outputLength];
    }

    public int[] Output { get; }

    public abstract void Run();

    protected static void CheckLength(int[] buffer, int expected, string what)
    {
        if (buffer.Length != expected)
        {
            throw new InvalidOperationException($"Internal error: {what} buffer has {buffer.Length} elements, expected {expected}.");
        }
    }
}
