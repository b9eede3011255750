using System;

namespace LowBit.Onnx.Import;

/// <summary>
/// Float32 values as consecutive integers in numeric order (−∞ … −0/+0 … +∞, NaN excluded), so a monotone
/// function of a float can be searched for its step points one representable value at a time.
/// </summary>
internal static class FloatOrder
{
    public static readonly long NegativeInfinity = Key(float.NegativeInfinity);

    public static readonly long PositiveInfinity = Key(float.PositiveInfinity);

    public static long Key(float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value);
        return bits >= 0 ? bits : -(long)(bits & int.MaxValue);
    }

    public static float Value(long key) =>
        key >= 0 ? BitConverter.Int32BitsToSingle((int)key) : BitConverter.Int32BitsToSingle((int)(-key) | int.MinValue);

    /// <summary>The smallest float x with f(x) ≥ j for a non-decreasing f, or null when even +∞ stays below j.</summary>
    public static float? SmallestReaching(Func<float, int> f, int j)
    {
        long low = NegativeInfinity;
        long high = PositiveInfinity;
        if (f(Value(high)) < j)
        {
            return null;
        }

        while (low < high)
        {
            long middle = low + ((high - low) / 2);
            if (f(Value(middle)) >= j)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return Value(low);
    }
}
