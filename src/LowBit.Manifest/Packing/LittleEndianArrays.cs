using System;
using System.Buffers.Binary;

namespace LowBit.Manifest;

/// <summary>int32 and float32 arrays as little-endian bytes — the layout of every numeric payload in a manifest.</summary>
internal static class LittleEndianArrays
{
    public static byte[] FromInt32(ReadOnlySpan<int> values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return bytes;
    }

    public static byte[] FromFloat32(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), SingleToInt32Bits(values[i]));
        }

        return bytes;
    }

    public static int[] ToInt32(ReadOnlySpan<byte> bytes)
    {
        var values = new int[bytes.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * 4));
        }

        return values;
    }

    public static float[] ToFloat32(ReadOnlySpan<byte> bytes)
    {
        var values = new float[bytes.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * 4)));
        }

        return values;
    }

    // BitConverter.SingleToInt32Bits is missing from netstandard2.0.
    private static unsafe int SingleToInt32Bits(float value) => *(int*)&value;

    private static unsafe float Int32BitsToSingle(int value) => *(float*)&value;
}
