using System;
using System.Linq;

namespace LowBit.Manifest;

/// <summary>
/// The shape of one tensor of a single sample (no batch dimension): rank 3 (channels, height, width)
/// for feature maps, rank 1 (features) for vectors.
/// </summary>
public sealed class TensorShape : IEquatable<TensorShape>
{
    private readonly int[] _dims;

    public TensorShape(params int[] dims)
    {
        if (dims.Length != 1 && dims.Length != 3)
        {
            throw new ArgumentException("A tensor shape has rank 1 (features) or 3 (channels, height, width).", nameof(dims));
        }

        _dims = (int[])dims.Clone();
    }

    public static TensorShape Chw(int channels, int height, int width) => new(channels, height, width);

    public static TensorShape Vector(int length) => new(length);

    public int Rank => _dims.Length;

    public int this[int axis] => _dims[axis];

    public int Channels => _dims[0];

    /// <summary>Height of a feature map; 1 for a vector.</summary>
    public int Height => Rank == 3 ? _dims[1] : 1;

    /// <summary>Width of a feature map; 1 for a vector.</summary>
    public int Width => Rank == 3 ? _dims[2] : 1;

    /// <summary>Number of elements, computed in 64 bits so absurd shapes cannot wrap around.</summary>
    public long LongLength => _dims.Aggregate(1L, (product, d) => product * d);

    public int Length => checked((int)LongLength);

    public int[] ToArray() => (int[])_dims.Clone();

    public bool Equals(TensorShape? other) => other is not null && _dims.SequenceEqual(other._dims);

    public override bool Equals(object? obj) => obj is TensorShape other && Equals(other);

    public override int GetHashCode() => _dims.Aggregate(17, (hash, d) => unchecked(hash * 31 + d));

    public override string ToString() => "[" + string.Join(", ", _dims) + "]";
}
