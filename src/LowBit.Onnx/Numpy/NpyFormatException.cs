using System;

namespace LowBit.Onnx.Numpy;

/// <summary>A file that is not a .npy array this reader takes; the message names the file and what was expected.</summary>
public sealed class NpyFormatException : Exception
{
    public NpyFormatException(string message)
        : base(message)
    {
    }
}
