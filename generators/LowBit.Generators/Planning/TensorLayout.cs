using LowBit.Manifest;

namespace LowBit.Generators;

/// <summary>
/// How a tensor lives in generated code: feature maps as HWC bytes, vectors as bytes, each byte the
/// unsigned offset level <c>level − Levels.Min</c> (0 … 2^bits − 1) in buffer <see cref="Buffer"/>.
/// </summary>
internal sealed class TensorLayout
{
    public TensorLayout(string id, TensorShape shape, LevelFormat levels)
    {
        Id = id;
        Shape = shape;
        Levels = levels;
    }

    public string Id { get; }

    public TensorShape Shape { get; }

    public LevelFormat Levels { get; }

    public int Channels => Shape.Channels;

    public int Height => Shape.Height;

    public int Width => Shape.Width;

    public int Pixels => Height * Width;

    public int Length => Shape.Length;

    public bool IsVector => Shape.Rank == 1;

    /// <summary>Largest stored byte: 2^bits − 1.</summary>
    public int MaxStored => Levels.LevelCount - 1;

    /// <summary>The stored byte of the level that means real zero (the padding value).</summary>
    public int StoredZero => Levels.ZeroPoint - Levels.Min;

    /// <summary>Scratch buffer index; −1 for the float output.</summary>
    public int Buffer { get; set; } = -1;

    public string Describe() =>
        (IsVector ? $"[{Length}]" : $"[{Height}, {Width}, {Channels}] HWC") + $" {Levels} (stored as level − ({Levels.Min}))";
}
